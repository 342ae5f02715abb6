# Reference values for the report's "this cohort against the literature" section
# (graftline.report.literature): pooled single-arm estimates with their 95 %
# prediction interval, and the Wilson interval of a cohort proportion.
#
# R 4.2 with metafor from the Debian packages.
# Run from tests/reference:  Rscript report_literature.R
# Writes fixtures/report_literature.csv, one row per case.
#
# Studies: examples/meta/msc_cotransplantation_sourced.csv, MSC arms:
#   acute GVHD II-IV: Ning 2008 1/9, Zhang 2010 2/12;
#   engraftment failure: MacMillan 2009 0/8, Li 2014 1/17.
# Means: the illustrative sheet's rows with a mean and SD (A, D, H, J 2012-2022).
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
f <- function(x) sprintf("%.17g", x)
rows <- list()
add_rma <- function(case, fit, transf) {
  p <- predict(fit, transf = transf)
  rows[[length(rows) + 1]] <<- data.frame(
    case = case, estimate = f(p$pred), ci_lower = f(p$ci.lb), ci_upper = f(p$ci.ub),
    pi_lower = f(p$pi.lb), pi_upper = f(p$pi.ub), tau2 = f(fit$tau2), i2 = f(fit$I2))
}
# Proportions on the logit scale (measure "PLO"; metafor adds 1/2 to zero cells), back-transformed.
add_rma("agvhd_2_4_sourced_msc", rma(measure = "PLO", xi = c(1, 2), ni = c(9, 12), method = "REML"), transf.ilogit)
add_rma("engraftment_failure_sourced_msc", rma(measure = "PLO", xi = c(0, 1), ni = c(8, 17), method = "REML"),
        transf.ilogit)
# Means (measure "MN").
add_rma("neutrophil_days_illustrative_mean_sd",
        rma(measure = "MN", mi = c(13.2, 14.8, 13.6, 15.1), sdi = c(2.9, 3.5, 2.7, 4.0), ni = c(15, 40, 50, 35),
            method = "REML"), NULL)
# Wilson interval of a cohort proportion: prop.test without continuity correction.
for (k in list(c(19, 60), c(0, 25), c(25, 25))) {
  ci <- prop.test(k[1], k[2], correct = FALSE)$conf.int
  rows[[length(rows) + 1]] <- data.frame(case = sprintf("wilson_%d_of_%d", k[1], k[2]), estimate = f(k[1] / k[2]),
                                         ci_lower = f(ci[1]), ci_upper = f(ci[2]), pi_lower = NA, pi_upper = NA,
                                         tau2 = NA, i2 = NA)
}
write.csv(do.call(rbind, rows), "fixtures/report_literature.csv", row.names = FALSE)
