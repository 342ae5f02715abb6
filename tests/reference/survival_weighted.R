# Reference values for weighted kaplan_meier and cumulative_incidence (robust IJ SEs).
#
# R 4.2 with survival 3.5 and KMsurv (Debian r-cran-*). Data: KMsurv::bmt
# (137 patients). Weights are inverse probability of treatment weights for
# methotrexate prophylaxis (z8) from a logistic model on patient and donor
# age (z1, z2): non-integer, as in an IPTW-adjusted analysis.
# Run from tests/reference:  Rscript survival_weighted.R
# Writes fixtures/survival_weighted_input.csv (time, status, group, w, id),
# survival_weighted_km.csv (survfit KM, every time) and
# survival_weighted_cif.csv (multi-state survfit, every time).
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(KMsurv)
})
stopifnot(packageVersion("survival") >= "3.5")
write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}
data(bmt)
ps <- fitted(glm(z8 ~ z1 + z2, family = binomial, data = bmt))
d <- data.frame(
  time = bmt$t2, dfs = bmt$d3,
  # relapse (1) versus death in remission (2), as in cmprsk_cuminc.R
  status = ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0)),
  group = as.character(bmt$group),
  w = ifelse(bmt$z8 == 1, 1 / ps, 1 / (1 - ps)),
  whole = rep(c(1, 2, 3), length.out = nrow(bmt)),
  # clusters of two or three patients (a stand-in for transplant centres)
  centre = rep(seq_len(50), length.out = nrow(bmt)))
write_full(d, "fixtures/survival_weighted_input.csv")

km_case <- function(case, fit, grouped) {
  s <- summary(fit)
  data.frame(case = case, group = if (grouped) sub("^group=", "", as.character(s$strata)) else "all",
             time = s$time, n_risk = s$n.risk, n_event = s$n.event, survival = s$surv,
             std_err = s$std.err, lower = s$lower, upper = s$upper)
}
km <- rbind(
  km_case("iptw", survfit(Surv(time, dfs) ~ 1, data = d, weights = w), FALSE),
  km_case("iptw_group", survfit(Surv(time, dfs) ~ group, data = d, weights = w), TRUE),
  km_case("iptw_id", survfit(Surv(time, dfs) ~ 1, data = d, weights = w, id = seq_len(nrow(d))), FALSE),
  km_case("iptw_centre", survfit(Surv(time, dfs) ~ 1, data = d, weights = w, id = centre), FALSE),
  km_case("whole_greenwood", survfit(Surv(time, dfs) ~ 1, data = d, weights = whole), FALSE),
  km_case("whole_robust", survfit(Surv(time, dfs) ~ 1, data = d, weights = whole, robust = TRUE), FALSE),
  km_case("centre_unweighted", survfit(Surv(time, dfs) ~ 1, data = d, id = centre), FALSE))
write_full(km, "fixtures/survival_weighted_km.csv")

cif_case <- function(case, fit, grouped) {
  strata <- if (grouped) rep(sub("^group=", "", names(fit$strata)), fit$strata) else rep("all", length(fit$time))
  out <- list()
  for (k in 2:3) out[[k]] <- data.frame(
    case = case, group = strata, cause = k - 1, time = fit$time,
    n_event = fit$n.event[, k], estimate = fit$pstate[, k], std_err = fit$std.err[, k])
  do.call(rbind, out)
}
d$state <- factor(d$status, 0:2, labels = c("censor", "relapse", "death"))
d$id <- seq_len(nrow(d))
cif <- rbind(
  cif_case("iptw", survfit(Surv(time, state) ~ 1, data = d, weights = w, id = id), FALSE),
  cif_case("iptw_group", survfit(Surv(time, state) ~ group, data = d, weights = w, id = id), TRUE),
  cif_case("unweighted", survfit(Surv(time, state) ~ 1, data = d, id = id), FALSE))
write_full(cif, "fixtures/survival_weighted_cif.csv")
