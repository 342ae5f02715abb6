# Reference values for graftline.stats.multistate_cox (transition-specific Cox models
# and predicted state probabilities for covariate profiles).
#
# R 4.2 with survival 3.5 and jsonlite (Debian r-cran-*). Data: mstate's ebmt4 in
# survival's long format (fixtures/multistate_ebmt4_long.csv, written by
# multistate_ebmt4.R), six states, 12 transitions, covariates of the mstate
# tutorial: year of transplant, age class, prophylaxis, donor-recipient gender
# match, each with its own coefficient per transition (coxph's default).
# Run from tests/reference:  Rscript multistate_cox_ebmt4.R
# Writes fixtures/multistate_cox_ebmt4.json: coefficients, naive and robust
# SEs per transition, global score / Wald / robust score statistics, a fit with
# non-whole weights clustered by a made-up centre, ("from:to" with state numbers), log-likelihoods, and
# survfit(fit, newdata) state probabilities for two profiles (stype 2, R's
# default for coxph fits: matrix exponential; and stype 1: product) at days
# 100, 365, 1825 and, for Efron ties, at every time of the grid.
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

d <- read.csv(file.path(out, "multistate_ebmt4_long.csv"))
states <- c("transplant", "platelet_recovery", "agvhd", "recovery_agvhd", "relapse", "death")
d$state <- factor(d$state, levels = c("censor", states[-1]))
d$istate <- factor(d$istate, levels = states)
d$year <- factor(d$year, levels = c("1985-1989", "1990-1994", "1995-1998"))
d$agecl <- factor(d$agecl, levels = c("<=20", "20-40", ">40"))
d$proph <- factor(d$proph, levels = c("no", "yes"))
d$match <- factor(d$match, levels = c("no gender mismatch", "gender mismatch"))

result <- list(r_version = R.version.string, survival_version = as.character(packageVersion("survival")))
for (ties in c("efron", "breslow")) {
  # survival 3.5-3 turns any explicit ties= into "breslow" for multi-state fits
  # (coxph: `if (!missing.ties) method <- ties <- "breslow"`), so Efron is the
  # default call without ties=.
  fit <- if (ties == "efron") coxph(Surv(tstart, tstop, state) ~ year + agecl + proph + match, data = d,
                                    id = id, istate = istate)
         else coxph(Surv(tstart, tstop, state) ~ year + agecl + proph + match, data = d, id = id,
                    istate = istate, ties = "breslow")
  stopifnot(fit$method == ties)
  cm <- coef(fit, matrix = TRUE)           # terms x transitions
  idx <- fit$cmap                          # position of each coefficient in coef(fit)
  profiles <- data.frame(year = c("1985-1989", "1995-1998"), agecl = c("<=20", ">40"),
                         proph = c("no", "yes"), match = c("no gender mismatch", "gender mismatch"))
  pred <- list()
  for (stype in 1:2) {
    sf <- survfit(fit, newdata = profiles, stype = stype)
    s <- summary(sf, times = c(100, 365, 1825))
    pred[[stype]] <- list(stype = stype, at_time = num(s$time),
                          at_pstate = lapply(1:2, function(k) mat(s$pstate[, k, ])))
    if (ties == "efron") {   # every time of the grid, for the default ties only (file size)
      pred[[stype]]$time <- num(sf$time)
      pred[[stype]]$pstate <- lapply(1:2, function(k) mat(sf$pstate[, k, ]))
    }
  }
  result[[ties]] <- list(
    transitions = colnames(cm), terms = rownames(cm), states = fit$states,
    coef = mat(t(cm)),
    se = mat(t(matrix(sqrt(diag(fit$var))[idx], nrow = nrow(idx), dimnames = dimnames(idx)))),
    naive_se = mat(t(matrix(sqrt(diag(fit$naive.var))[idx], nrow = nrow(idx)))),
    loglik = num(fit$loglik), score = num(fit$score), wald = num(fit$wald.test), rscore = num(fit$rscore),
    profiles = profiles, predictions = pred)
}
# Case weights that are not whole numbers and a cluster that is not the patient
# (a made-up "centre", id %% 150): the robust variance sums over centres.
d$w <- 0.5 + (d$id %% 7) / 4
d$centre <- d$id %% 150
fit <- coxph(Surv(tstart, tstop, state) ~ year + agecl + proph + match, data = d, id = id,
             istate = istate, weights = w, cluster = centre)
cm <- coef(fit, matrix = TRUE)
idx <- fit$cmap
result$weighted_clustered <- list(
  transitions = colnames(cm), terms = rownames(cm),
  coef = mat(t(cm)),
  se = mat(t(matrix(sqrt(diag(fit$var))[idx], nrow = nrow(idx)))),
  naive_se = mat(t(matrix(sqrt(diag(fit$naive.var))[idx], nrow = nrow(idx)))),
  loglik = num(fit$loglik), score = num(fit$score), wald = num(fit$wald.test), rscore = num(fit$rscore))
# Different covariates per transition (R's list formula): none for most
# transitions, year + agecl for 1:2, proph for 1:3 and 2:4, agecl + match for
# every transition into death (0:6). Coefficients in coef(fit) order (cmap).
fit <- coxph(list(Surv(tstart, tstop, state) ~ 1, 1:2 ~ year + agecl, 1:3 + 2:4 ~ proph,
                  0:6 ~ agecl + match), data = d, id = id, istate = istate)
used <- which(fit$cmap > 0, arr.ind = TRUE)
used <- used[order(fit$cmap[used]), , drop = FALSE]
pred <- list()
for (stype in 1:2) {
  s <- summary(survfit(fit, newdata = profiles, stype = stype), times = c(100, 365, 1825))
  pred[[stype]] <- list(stype = stype, at_time = num(s$time), at_pstate = lapply(1:2, function(k) mat(s$pstate[, k, ])))
}
result$per_transition <- list(
  transitions = colnames(fit$cmap)[used[, 2]], terms = rownames(fit$cmap)[used[, 1]],
  coef = num(coef(fit)), se = num(sqrt(diag(fit$var))), naive_se = num(sqrt(diag(fit$naive.var))),
  loglik = num(fit$loglik), predictions = pred)
write_json(result, file.path(out, "multistate_cox_ebmt4.json"), auto_unbox = TRUE, json_verbatim = TRUE)
