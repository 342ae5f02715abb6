# Reference values for graftline.stats.cox_ph.
#
# R 4.2 with survival 3.5 and KMsurv from the Debian packages; mstate's EBMT
# data from fixtures/survival_ebmt3.csv (see survival_export_ebmt.py).
# Run from tests/reference after survival_km_logrank.R (which writes
# fixtures/survival_bmt.csv):  Rscript survival_cox.R
# Writes fixtures/survival_cox_cases.csv (synthetic data) and
# fixtures/survival_cox.csv (one row per fit and term).
options(digits = 17)
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.2")

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

bmt <- read.csv("fixtures/survival_bmt.csv")
# Disease group as a factor named `group`, so model.matrix names are group2, group3.
bmt$group <- factor(bmt$group)
ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))
ebmt3$drmatch <- factor(ebmt3$drmatch, levels = c("No gender mismatch", "Gender mismatch"))
ebmt3$tcd <- factor(ebmt3$tcd, levels = c("No TCD", "TCD"))

# Heavy ties: integer days 1..30 for 2000 subjects, up to ~60 events per day.
set.seed(20261124)
n <- 2000
ties <- data.frame(age = round(rnorm(n, 45, 12)), cd34 = rlnorm(n, 1.5, 0.4),
                   arm = sample(c("chemo", "msc", "mst"), n, replace = TRUE),
                   stratum = sample(c("s1", "s2", "s3"), n, replace = TRUE))
lp <- 0.02 * (ties$age - 45) - 0.3 * (ties$arm == "mst") + 0.2 * log(ties$cd34)
ties$time <- pmin(ceiling(rexp(n, 0.05 * exp(lp))), 30)
ties$event <- as.integer(ties$time < 30 & runif(n) < 0.85)
write_full(ties, "fixtures/survival_cox_cases.csv")

rows <- list()
add_fit <- function(key, formula, data, ties_method, iter_max = 20) {
  fit <- suppressWarnings(coxph(formula, data = data, ties = ties_method,
                                control = coxph.control(iter.max = iter_max)))
  s <- summary(fit)
  cf <- s$coefficients
  ci <- s$conf.int
  # summary.coxph rounds the global tests to 2 digits; take them unrounded.
  lr <- 2 * (fit$loglik[2] - fit$loglik[1])
  df <- length(coef(fit))
  rows[[length(rows) + 1]] <<- data.frame(
    key = key, call = paste(deparse(formula), collapse = ""), ties = ties_method,
    iter_max = iter_max, term = rownames(cf), coef = cf[, "coef"], se = cf[, "se(coef)"],
    hr = cf[, "exp(coef)"], lower = ci[, "lower .95"], upper = ci[, "upper .95"],
    p_value = cf[, "Pr(>|z|)"], loglik_initial = fit$loglik[1], loglik_final = fit$loglik[2],
    iterations = fit$iter, lr = lr, wald = fit$wald.test, score = fit$score,
    lr_p = pchisq(lr, df, lower.tail = FALSE), wald_p = pchisq(fit$wald.test, df, lower.tail = FALSE),
    score_p = pchisq(fit$score, df, lower.tail = FALSE), n_events = fit$nevent)
}
for (tm in c("efron", "breslow")) {
  add_fit(paste0("bmt_dfs_", tm), Surv(t2, d3) ~ group + z1 + z2 + z3, bmt, tm)
  add_fit(paste0("bmt_platelet_strata_", tm), Surv(tp, dp) ~ group + z7 + z8 + strata(z10), bmt, tm)
  add_fit(paste0("ebmt3_rfs_", tm), Surv(rfstime, rfsstat) ~ dissub + age + drmatch + tcd, ebmt3, tm)
  add_fit(paste0("ties_", tm), Surv(time, event) ~ age + cd34 + arm, ties, tm)
  add_fit(paste0("ties_strata_", tm), Surv(time, event) ~ age + cd34 + arm + strata(stratum), ties, tm)
}
# Stopped after 1 Newton step: R returns the iterate (with a warning), so do we.
add_fit("ebmt3_rfs_iter1", Surv(rfstime, rfsstat) ~ dissub + age + drmatch + tcd, ebmt3, "efron", 1)
write_full(do.call(rbind, rows), "fixtures/survival_cox.csv")
