# Reference for graftline.report's fallback when Gray's test degenerates.
# Data: neutrophil engraftment of a simulated 3-arm trial (fixtures/report_no_censoring.csv):
# every patient engrafts (1) or dies first (2); nobody is censored.
# R 4.2, cmprsk and survival. Writes fixtures/report_gray_fallback.json.
options(digits = 17)
library(cmprsk)
library(survival)
d <- read.csv("fixtures/report_no_censoring.csv")
t <- d$neutrophil_engraftment_day
s <- d$neutrophil_engraftment_status
g <- d$arm
gray <- cuminc(t, s, g)$Tests
# Competing events stay in the subdistribution risk set: censored after the last time.
moved <- ifelse(s == 1, t, max(t) + 1)
sd <- survdiff(Surv(moved, as.numeric(s == 1)) ~ g)
p <- pchisq(sd$chisq, length(sd$n) - 1, lower.tail = FALSE)
cat(sprintf('{"gray_statistic": %s, "logrank_statistic": %s, "logrank_df": %d, "logrank_p_value": %s}\n',
            format(gray[1, "stat"], digits = 17), format(sd$chisq, digits = 17),
            length(sd$n) - 1, format(p, digits = 17)),
    file = "fixtures/report_gray_fallback.json")
