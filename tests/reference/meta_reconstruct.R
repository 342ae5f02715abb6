# Reference values for graftline.meta.reconstruct and time_to_event on KMsurv's
# bmt (disease-free survival t2/d3 by disease group): the true-data Cox hazard
# ratios, restricted mean survival (print(survfit, rmean = tau)) and the
# log-rank O - E and V that the conversion tests start from.
# Run from tests/reference:  Rscript meta_reconstruct.R -> fixtures/meta_reconstruct.json
options(digits = 17)
suppressPackageStartupMessages(library(survival))
library(KMsurv)
library(jsonlite)
data(bmt)

out <- list(survival_version = as.character(packageVersion("survival")))
fit <- coxph(Surv(t2, d3) ~ factor(group), data = bmt)
out$cox <- list(coef = unname(coef(fit)), se = unname(sqrt(diag(vcov(fit)))))
rmst <- list()
for (tau in c(500, 1000, 2000)) {
  tab <- summary(survfit(Surv(t2, d3) ~ group, data = bmt), rmean = tau)$table
  rmst[[as.character(tau)]] <- list(rmean = unname(tab[, "rmean"]), se = unname(tab[, "se(rmean)"]))
}
out$rmst <- rmst

# Two-arm comparisons (group 2 = AML low risk vs group 1 = ALL), as a trial report gives them.
two <- subset(bmt, group %in% c(1, 2))
two$experimental <- as.integer(two$group == 2)
cx <- coxph(Surv(t2, d3) ~ experimental, data = two)
sd <- survdiff(Surv(t2, d3) ~ experimental, data = two)
out$two_arm <- list(
  log_hr = unname(coef(cx)), se = unname(sqrt(vcov(cx)[1, 1])),
  hr_lower = unname(summary(cx)$conf.int[, "lower .95"]), hr_upper = unname(summary(cx)$conf.int[, "upper .95"]),
  wald_p = unname(summary(cx)$coefficients[, "Pr(>|z|)"]),
  # survdiff orders strata 0 (control), 1 (experimental).
  observed = unname(sd$obs), expected = unname(sd$exp), variance = unname(sd$var[2, 2]),
  logrank_p = pchisq(sd$chisq, 1, lower.tail = FALSE),
  events = unname(tapply(two$d3, two$experimental, sum)), n = as.integer(table(two$experimental)))
write_json(out, "fixtures/meta_reconstruct.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
