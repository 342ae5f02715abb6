# Reference values for graftline.stats.adjusted_risks: standardised absolute
# risks by G-computation, IPTW and AIPTW, equal to riskRegression::ate.
#
# R 4.2 with survival 3.5, riskRegression 2022.11.28 and KMsurv from the
# Debian packages; mstate's ebmt3 from fixtures/survival_ebmt3.csv.
# Run from tests/reference:  Rscript adjusted_curves.R
# Writes fixtures/adjusted_ate.csv: one row per case, estimator, variance
# (known.nuisance FALSE = "full", TRUE = "known"), quantity (risk of each
# arm, difference B - A, ratio B / A) and time; and
# fixtures/adjusted_ate_aiptw_iid.csv: AIPTW's full-nuisance influence
# function per patient (ate's iid, sum form), one column per arm and time,
# so that each patient's value is checked and not only the sum of squares.
#
# Models: outcome Cox (coxph, or CSC for competing risks) with the treatment
# and the confounders, Breslow ties; propensity glm(binomial) on the
# confounders; censoring Cox (Breslow) on the treatment and the confounders.
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(riskRegression)
  library(KMsurv)
})
stopifnot(packageVersion("riskRegression") >= "2022.1")

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))
ebmt3$drmatch <- factor(ebmt3$drmatch, levels = c("No gender mismatch", "Gender mismatch"))
ebmt3$tcd <- factor(ebmt3$tcd, levels = c("No TCD", "TCD"))

data(bmt, package = "KMsurv")
# Competing risks after allo-HSCT: relapse (d2) is cause 1, death in
# remission (d1 without d2) cause 2, in days t2; treatment MTX (z10).
bmt$status <- with(bmt, ifelse(d2 == 1, 1, ifelse(d1 == 1, 2, 0)))
bmt$group <- factor(bmt$group)
bmt$z10 <- factor(bmt$z10)

# riskRegression's influence function of the Cox coefficients (IFbeta_cpp)
# adds 1/S0 per distinct event time where the Breslow score residual has
# d/S0 (d tied events), so with tied times its standard errors differ from
# the exact linearisation (survival's residuals(coxph, "score") %*% vcov),
# by ~1% on ebmt3. The reference therefore breaks ties deterministically:
# the k-th of the patients sharing a time (in row order) gets time + 0.01 (k - 1)
# days (tie groups have at most 10 patients and distinct times are at least
# 0.97 days apart, so no order changes; steps of 0.01 stay far above
# coxph's timefix tolerance), and the data are written with the fixture.
untie <- function(time) time + 0.01 * (ave(time, time, FUN = seq_along) - 1)
ebmt3$rfstime <- untie(ebmt3$rfstime)
bmt$t2 <- untie(bmt$t2)
write_full(ebmt3[, c("rfstime", "rfsstat")], "fixtures/adjusted_ate_ebmt3_times.csv")
write_full(bmt[, c("t2", "status")], "fixtures/adjusted_ate_bmt_times.csv")

rows <- list()
iids <- list()
collect_iid <- function(key, a) {
  arms <- a$iid$AIPTW
  frame <- data.frame(case = key, patient = seq_len(NROW(arms[[1]])))
  for (arm in names(arms)) for (k in seq_len(NCOL(arms[[arm]])))
    frame[[paste0("arm_", arm, "_time_", k)]] <- arms[[arm]][, k]
  iids[[key]] <<- frame
}
collect <- function(key, a, variance) {
  for (part in c("meanRisk", "diffRisk", "ratioRisk")) {
    tab <- as.data.frame(a[[part]])
    quantity <- switch(part, meanRisk = paste0("risk_", tab$treatment),
                       diffRisk = "difference", ratioRisk = "ratio")
    rows[[length(rows) + 1]] <<- data.frame(
      case = key, estimator = tab$estimator, variance = variance, quantity = quantity,
      time = tab$time, estimate = tab$estimate, se = tab$se, lower = tab$lower, upper = tab$upper,
      p_value = if (is.null(tab$p.value)) NA_real_ else tab$p.value)
  }
}

# ebmt3: relapse-free survival by T-cell depletion.
times <- c(365, 730, 1825)
outcome <- coxph(Surv(rfstime, rfsstat) ~ tcd + dissub + age + drmatch, data = ebmt3,
                 ties = "breslow", x = TRUE, y = TRUE)
ps <- glm(tcd ~ dissub + age + drmatch, data = ebmt3, family = binomial)
censor <- coxph(Surv(rfstime, rfsstat == 0) ~ tcd + dissub + age + drmatch, data = ebmt3,
                ties = "breslow", x = TRUE, y = TRUE)
for (known in c(FALSE, TRUE)) {
  a <- ate(outcome, treatment = ps, censor = censor, data = ebmt3, times = times,
           estimator = c("GFORMULA", "IPTW", "AIPTW"), se = TRUE, known.nuisance = known,
           verbose = FALSE)
  collect("ebmt3_rfs", a, if (known) "known" else "full")
  if (!known) collect_iid("ebmt3_rfs", a)
}

# bmt: relapse with death in remission competing, by MTX.
times <- c(180, 365, 730)
outcome <- CSC(Hist(t2, status) ~ z10 + group + z1 + z7, data = bmt, ties = "breslow")
ps <- glm(z10 ~ group + z1 + z7, data = bmt, family = binomial)
censor <- coxph(Surv(t2, status == 0) ~ z10 + group + z1 + z7, data = bmt, ties = "breslow",
                x = TRUE, y = TRUE)
for (known in c(FALSE, TRUE)) {
  # product.limit = FALSE: survival within the models as exp(-cumulative hazard),
  # graftline's convention and ate's default for coxph (its default for CSC is
  # the product-limit form).
  a <- ate(outcome, treatment = ps, censor = censor, data = bmt, times = times, cause = 1,
           estimator = c("GFORMULA", "IPTW", "AIPTW"), se = TRUE, known.nuisance = known,
           verbose = FALSE, product.limit = FALSE)
  collect("bmt_relapse", a, if (known) "known" else "full")
  if (!known) collect_iid("bmt_relapse", a)
}
write_full(do.call(rbind, rows), "fixtures/adjusted_ate.csv")
# ebmt3's arms are "No TCD"/"TCD", bmt's 0/1: one file, arm columns by position.
for (key in names(iids)) names(iids[[key]])[-(1:2)] <- paste0(rep(c("arm0", "arm1"), each = 3), "_time", 1:3)
write_full(do.call(rbind, iids), "fixtures/adjusted_ate_aiptw_iid.csv")
