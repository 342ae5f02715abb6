# Reference values for adjusted_restricted_mean: the area under each arm's
# standardised curve up to tau, from riskRegression::ate's risks and
# influence functions (survRM2 and the like are not in Debian; the area of a
# step function is a published identity, Royston and Parmar 2013).
#
# ate's risk curve moves only at observed times, so on the grid g of 0 and the
# observed times before tau (with tau appended) the area is the exact sum
#   RMTL = sum_j F(g_j) (g_{j+1} - g_j),   RMST = tau - RMTL,
# and its influence function is the same sum of ate's iid (known.nuisance =
# FALSE: every model's estimation included). SE = sqrt(sum psi^2).
#
# Cases (the untied times and models of adjusted_curves.R; run it first when
# regenerating everything): KMsurv bmt, time lost to relapse (cause 1, death
# in remission competing) by day 365, by MTX, by G-computation, IPTW and
# AIPTW; mstate ebmt3, restricted mean relapse-free survival by day 365, by
# T-cell depletion, by G-computation and IPTW.
# R 4.2, survival 3.5, riskRegression 2022.11.28, KMsurv (Debian packages).
# Run from tests/reference:  Rscript adjusted_restricted.R   (about a minute)
# Writes fixtures/adjusted_restricted.csv: case, estimator, quantity
# (arm_0, arm_1: control then treated; difference), tau, estimate, se.
options(digits = 17)
suppressPackageStartupMessages({library(survival); library(riskRegression); library(KMsurv)})

ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))
ebmt3$drmatch <- factor(ebmt3$drmatch, levels = c("No gender mismatch", "Gender mismatch"))
ebmt3$tcd <- factor(ebmt3$tcd, levels = c("No TCD", "TCD"))
ebmt3$rfstime <- read.csv("fixtures/adjusted_ate_ebmt3_times.csv")$rfstime
data(bmt, package = "KMsurv")
bmt$status <- with(bmt, ifelse(d2 == 1, 1, ifelse(d1 == 1, 2, 0)))
bmt$group <- factor(bmt$group)
bmt$z10 <- factor(bmt$z10)
bmt$t2 <- read.csv("fixtures/adjusted_ate_bmt_times.csv")$t2

rows <- list()
restricted <- function(key, a, time, tau, survival) {
  grid <- sort(unique(c(0, time[time < tau])))
  width <- diff(c(grid, tau))
  for (estimator in names(a$iid)) {
    arms <- names(a$iid[[estimator]])
    risk <- as.data.frame(a$meanRisk)
    psi <- list()
    area <- numeric(2)
    for (k in 1:2) {
      r <- risk[risk$estimator == estimator & risk$treatment == arms[k], ]
      stopifnot(isTRUE(all.equal(r$time, grid)))
      area[k] <- sum(r$estimate * width)
      psi[[k]] <- as.vector(a$iid[[estimator]][[arms[k]]] %*% width)
      if (survival) { area[k] <- tau - area[k]; psi[[k]] <- -psi[[k]] }
    }
    se <- c(sqrt(sum(psi[[1]]^2)), sqrt(sum(psi[[2]]^2)), sqrt(sum((psi[[2]] - psi[[1]])^2)))
    rows[[length(rows) + 1]] <<- data.frame(case = key, estimator = estimator,
                                            quantity = c("arm_0", "arm_1", "difference"), tau = tau,
                                            estimate = c(area, area[2] - area[1]), se = se)
  }
}

tau <- 365
grid <- sort(unique(c(0, bmt$t2[bmt$t2 < tau])))
outcome <- CSC(Hist(t2, status) ~ z10 + group + z1 + z7, data = bmt, ties = "breslow")
ps <- glm(z10 ~ group + z1 + z7, data = bmt, family = binomial)
censor <- coxph(Surv(t2, status == 0) ~ z10 + group + z1 + z7, data = bmt, ties = "breslow", x = TRUE, y = TRUE)
a <- ate(outcome, treatment = ps, censor = censor, data = bmt, times = grid, cause = 1,
         estimator = c("GFORMULA", "IPTW", "AIPTW"), se = TRUE, iid = TRUE, known.nuisance = FALSE,
         verbose = FALSE, product.limit = FALSE)
restricted("bmt_relapse", a, bmt$t2, tau, survival = FALSE)

grid <- sort(unique(c(0, ebmt3$rfstime[ebmt3$rfstime < tau])))
outcome <- coxph(Surv(rfstime, rfsstat) ~ tcd + dissub + age + drmatch, data = ebmt3, ties = "breslow",
                 x = TRUE, y = TRUE)
ps <- glm(tcd ~ dissub + age + drmatch, data = ebmt3, family = binomial)
censor <- coxph(Surv(rfstime, rfsstat == 0) ~ tcd + dissub + age + drmatch, data = ebmt3, ties = "breslow",
                x = TRUE, y = TRUE)
# AIPTW's iid at ebmt3's ~750 grid times exhausts this machine's memory in ate; bmt covers it.
a <- ate(outcome, treatment = ps, censor = censor, data = ebmt3, times = grid,
         estimator = c("GFORMULA", "IPTW"), se = TRUE, iid = TRUE, known.nuisance = FALSE,
         verbose = FALSE)
restricted("ebmt3_rfs", a, ebmt3$rfstime, tau, survival = TRUE)

out <- do.call(rbind, rows)
for (col in c("estimate", "se")) out[[col]] <- sprintf("%.17g", out[[col]])
write.csv(out, "fixtures/adjusted_restricted.csv", row.names = FALSE)
