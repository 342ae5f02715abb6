# Reference values for the bounds of adjusted_risks' Wald intervals: ate (its
# confint, with no transformation) truncates the interval of a risk to [0, 1],
# of a risk difference to [-1, 1] and of a risk ratio to [0, inf).
#
# R 4.2, survival 3.5, riskRegression 2022.11.28, KMsurv (Debian packages).
# bmt's relapse (cause 1, death in remission competing) by MTX, G-computation
# from cause-specific Cox models, early days where the risks are near 0: at
# day 40 both arms' lower limits fall below 0 and are truncated; at day 20
# nobody has relapsed (risks 0, SE 0, ratio 0/0 undefined). The untied times
# are those of adjusted_curves.R (fixtures/adjusted_ate_bmt_times.csv; run it first when
# regenerating everything).
# Run from tests/reference:  Rscript adjusted_bounds.R
# Writes fixtures/adjusted_bounds.csv: quantity (risk_0, risk_1, difference,
# ratio), time, estimate, se, lower, upper.
options(digits = 17)
suppressPackageStartupMessages({library(survival); library(riskRegression); library(KMsurv)})

data(bmt, package = "KMsurv")
bmt$status <- with(bmt, ifelse(d2 == 1, 1, ifelse(d1 == 1, 2, 0)))
bmt$group <- factor(bmt$group)
bmt$z10 <- factor(bmt$z10)
bmt$t2 <- read.csv("fixtures/adjusted_ate_bmt_times.csv")$t2
outcome <- CSC(Hist(t2, status) ~ z10 + group + z1 + z7, data = bmt, ties = "breslow")
a <- ate(outcome, treatment = "z10", data = bmt, times = c(20, 40, 60, 100), cause = 1,
         estimator = "GFORMULA", se = TRUE, verbose = FALSE, product.limit = FALSE)
risk <- as.data.frame(a$meanRisk)
difference <- as.data.frame(a$diffRisk)
ratio <- as.data.frame(a$ratioRisk)
stopifnot(any(risk$lower == 0 & risk$estimate - 1.96 * risk$se < 0))   # a truncated limit is checked
columns <- c("time", "estimate", "se", "lower", "upper")
out <- rbind(cbind(quantity = paste0("risk_", risk$treatment), risk[, columns]),
             cbind(quantity = "difference", difference[, columns]),
             cbind(quantity = "ratio", ratio[, columns]))
for (col in columns) out[[col]] <- ifelse(is.na(out[[col]]), NA, sprintf("%.17g", out[[col]]))
write.csv(out, "fixtures/adjusted_bounds.csv", row.names = FALSE)
