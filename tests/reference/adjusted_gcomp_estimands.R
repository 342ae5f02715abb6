# Reference values for adjusted_risks(method = "gcomp", estimand = "ATT" / "ATO"):
# G-computation standardised to the treated or to the overlap population.
#
# ATT: riskRegression::ate(estimator = "GFORMULA") given the treated rows as
# `data` and their positions in the models' data as `data.index`. ate then
# averages each treated patient's predicted risk under each arm over the
# n1 treated, and its influence function is the models' influence with the
# prediction gradients averaged over the treated (predictCox/predictRisk
# `average.iid` over `newdata`, i.e. the treated) plus (F_i - theta)/n1 on
# the rows `data.index` (ATE_TI in riskRegression 2022.11.28: the G-formula
# iid is `average.iid` + rowCenter(F, theta)/n.obs with n.obs = NROW(data)).
# The script checks the averaging it relies on (average.iid equals the mean
# over newdata of the per-patient iid) before writing anything.
#
# ATO (riskRegression has no overlap-weighted G-formula): the point
# estimate is the formula sum_i e_i (1 - e_i) F_i(a) / sum_i e_i (1 - e_i)
# computed here with glm and coxph, and the influence function is the
# derivative of the whole estimator (propensity and outcome models refitted)
# with respect to each patient's case weight, by central differences with
# Richardson extrapolation (the infinitesimal jackknife; Efron 1982, ch. 6),
# as in adjusted_estimands.R. The same jackknife also gives the ATE and the
# ATT, and must reproduce ate's GFORMULA risks and SEs for both to 1e-6
# (checked below) before its ATO values are written.
#
# R 4.2, survival 3.5, riskRegression 2022.11.28; the data and the untied
# times are those of adjusted_curves.R (run it first).
# Run from tests/reference:  Rscript adjusted_gcomp_estimands.R   (about 30 s)
# Writes fixtures/adjusted_gcomp_estimands.csv: one row per case, estimand,
# source ("ate" or "jackknife"), quantity (risk_0, risk_1 by arm in the
# order control, treated; difference; ratio) and time.
options(digits = 17, warn = 1)
suppressPackageStartupMessages({
  library(survival)
  library(riskRegression)
})

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))
ebmt3$drmatch <- factor(ebmt3$drmatch, levels = c("No gender mismatch", "Gender mismatch"))
ebmt3$arm <- factor(ebmt3$tcd, levels = c("No TCD", "TCD"))
untied <- read.csv("fixtures/adjusted_ate_ebmt3_times.csv")
ebmt3$time <- untied$rfstime
ebmt3$status <- untied$rfsstat

bmt <- read.csv("fixtures/survival_bmt.csv")
bmt$group <- factor(bmt$group)
bmt$arm <- factor(bmt$z10)
untied <- read.csv("fixtures/adjusted_ate_bmt_times.csv")
bmt$time <- untied$t2
bmt$status <- untied$status

tight_glm <- glm.control(epsilon = 1e-15, maxit = 100)
tight_cox <- coxph.control(eps = 1e-14, iter.max = 100, toler.chol = 1e-15, toler.inf = 1)

cases <- list(
  ebmt3_rfs = list(data = ebmt3, times = c(365, 730, 1825), causes = 1,
                   rhs = ~ arm + dissub + age + drmatch, ps = arm ~ dissub + age + drmatch),
  bmt_relapse = list(data = bmt, times = c(180, 365, 730), causes = 1:2,
                     rhs = ~ arm + group + z1 + z7, ps = arm ~ group + z1 + z7))

# --- ATT from ate(data = treated, data.index = their rows) -------------------
summarise <- function(key, estimand, source, times, risk0, risk1, psi0, psi1) {
  m <- length(times)
  ratio_psi <- psi1 / rep(risk0, each = nrow(psi1)) - psi0 * rep(risk1 / risk0^2, each = nrow(psi0))
  data.frame(case = key, estimand = estimand, source = source,
             quantity = rep(c("risk_0", "risk_1", "difference", "ratio"), each = m),
             time = rep(times, 4), estimate = c(risk0, risk1, risk1 - risk0, risk1 / risk0),
             se = sqrt(c(colSums(psi0^2), colSums(psi1^2), colSums((psi1 - psi0)^2), colSums(ratio_psi^2))))
}

outcome_model <- function(k, d) {
  if (length(k$causes) == 1) {
    coxph(update(k$rhs, Surv(time, status) ~ .), data = d, ties = "breslow", x = TRUE, y = TRUE)
  } else {
    CSC(update(k$rhs, Hist(time, status) ~ .), data = d, ties = "breslow")
  }
}

ate_rows <- function(key, k, subset) {
  d <- k$data
  index <- if (is.null(subset)) seq_len(nrow(d)) else which(subset)
  a <- ate(outcome_model(k, d), treatment = "arm", data = d[index, ], data.index = index,
           times = k$times, cause = 1, estimator = "GFORMULA", verbose = FALSE, product.limit = FALSE,
           iid = TRUE)
  risk <- as.data.frame(a$meanRisk)
  arms <- levels(d$arm)
  psi <- lapply(arms, function(level) a$iid$GFORMULA[[level]])
  out <- summarise(key, if (is.null(subset)) "ATE" else "ATT", "ate", k$times,
                   risk$estimate[risk$treatment == arms[1]], risk$estimate[risk$treatment == arms[2]],
                   psi[[1]], psi[[2]])
  # ate's own standard errors of the risks and the contrasts are those of its iid.
  check <- c(risk$se, as.data.frame(a$diffRisk)$se, as.data.frame(a$ratioRisk)$se)
  stopifnot(isTRUE(all.equal(out$se, check, tolerance = 1e-12)))
  out
}

# The averaging ate relies on for a subset: average.iid over newdata is the
# mean of the per-patient iid over newdata (not over the models' data).
local({
  fit <- coxph(Surv(time, status == 1) ~ arm + group + z1 + z7, data = bmt, ties = "breslow", x = TRUE, y = TRUE)
  treated <- bmt[bmt$arm == "1", ]
  each <- predictCox(fit, newdata = treated, times = c(180, 365), iid = TRUE, type = "survival")
  mean <- predictCox(fit, newdata = treated, times = c(180, 365), average.iid = TRUE, type = "survival")
  stopifnot(max(abs(apply(each$survival.iid, c(1, 2), base::mean) - mean$survival.average.iid)) < 1e-15)
})

# --- The jackknife: G-formula under case weights ------------------------------
# Breslow baseline hazard of a weighted coxph with distinct times (the untied
# data): at each event time u, w_event / sum_{T_i >= u} w_i exp(x_i beta).
breslow <- function(fit, x, d, w, event) {
  risk <- w * exp(drop(x %*% coef(fit)))
  jumps <- sort(d$time[event])
  sorted <- sort(d$time)
  at_risk <- rev(cumsum(rev(risk[order(d$time)])))[findInterval(jumps, sorted, left.open = TRUE) + 1]
  list(jumps = jumps, hazard = w[event][order(d$time[event])] / at_risk)
}

# coxph stops when the log-likelihood changes by less than eps (relative):
# at eps = 1e-14 that cannot see coefficient errors below ~1e-7 (the change
# is quadratic in them), and refits under weights 1 +- 1e-3 then differ by
# such stopping noise, not only by the weight (on ebmt3 the differences of
# single patients were off by up to 2e-3 relative). Refitting from the
# converged coefficients takes one more Newton step, after which the error
# is at rounding level.
polish <- function(fit, d) {
  update(fit, init = coef(fit), data = d)
}

estimate <- function(k, w) {
  d <- k$data
  d$case_weight <- w
  rhs <- delete.response(terms(update(k$rhs, y ~ .)))
  x <- model.matrix(rhs, d)[, -1, drop = FALSE]
  fits <- lapply(k$causes, function(cause) {
    d$event <- as.integer(d$status == cause)
    fit <- coxph(update(k$rhs, Surv(time, event) ~ .), data = d, weights = case_weight, ties = "breslow",
                 control = tight_cox)
    fit <- polish(fit, d)
    c(list(beta = coef(fit)), breslow(fit, x, d, w, d$event == 1))
  })
  grid <- sort(unique(unlist(lapply(fits, `[[`, "jumps"))))
  ps <- suppressWarnings(glm(k$ps, data = d, family = binomial, weights = case_weight, control = tight_glm))
  e <- fitted(suppressWarnings(glm(k$ps, data = d, family = binomial, weights = case_weight,
                                   control = tight_glm, start = coef(ps))))
  treated <- as.integer(d$arm == levels(d$arm)[2])
  population <- list(ATE = w, ATT = w * treated, ATO = w * e * (1 - e))
  out <- NULL
  for (estimand in names(population)) for (level in levels(d$arm)) {
    da <- d
    da$arm <- factor(level, levels = levels(d$arm))
    z <- model.matrix(rhs, da)[, -1, drop = FALSE]
    h <- population[[estimand]]
    if (length(k$causes) == 1) {
      # One event type: F(t | z) = 1 - exp(-Lambda0(t) exp(z beta)).
      f <- fits[[1]]
      for (t in k$times) {
        out <- c(out, sum(h * (1 - exp(-sum(f$hazard[f$jumps <= t]) * exp(drop(z %*% f$beta))))) / sum(h))
      }
      next
    }
    # Cause-specific hazards: dLambda_l(u | z) on the pooled grid, per patient (n x G).
    jumps <- lapply(fits, function(f) {
      on_grid <- numeric(length(grid))
      on_grid[match(f$jumps, grid)] <- f$hazard
      outer(exp(drop(z %*% f$beta)), on_grid)
    })
    total <- Reduce(`+`, jumps)
    before <- t(apply(total, 1, cumsum)) - total              # sum_l Lambda_l(u- | z)
    incidence <- t(apply(exp(-before) * jumps[[1]], 1, cumsum))
    for (t in k$times) {
      f <- if (any(grid <= t)) incidence[, max(which(grid <= t))] else rep(0, nrow(d))
      out <- c(out, sum(h * f) / sum(h))
    }
  }
  out  # per estimand: arm 0 at each time, then arm 1
}

jackknife <- function(key, k, step = 1e-3) {
  n <- nrow(k$data)
  point <- estimate(k, rep(1, n))
  quotient <- function(i, h) {
    up <- down <- rep(1, n)
    up[i] <- 1 + h
    down[i] <- 1 - h
    (estimate(k, up) - estimate(k, down)) / (2 * h)
  }
  psi <- t(sapply(seq_len(n), function(i) (4 * quotient(i, step) - quotient(i, 2 * step)) / 3))
  m <- length(k$times)
  do.call(rbind, lapply(seq_along(c("ATE", "ATT", "ATO")), function(j) {
    arm0 <- (j - 1) * 2 * m + seq_len(m)
    arm1 <- arm0 + m
    summarise(key, c("ATE", "ATT", "ATO")[j], "jackknife", k$times, point[arm0], point[arm1],
              psi[, arm0, drop = FALSE], psi[, arm1, drop = FALSE])
  }))
}

rows <- list()
for (key in names(cases)) {
  k <- cases[[key]]
  by_ate <- rbind(ate_rows(key, k, NULL), ate_rows(key, k, k$data$arm == levels(k$data$arm)[2]))
  rows[[length(rows) + 1]] <- by_ate
  # The jackknife is checked against ate (ATE and ATT) and then gives the ATO.
  # bmt only: on ebmt3 (2,204 patients, ~25 min) it reproduces ate's ATE risks
  # to 8.5e-8 (ate's coxph stops at the default eps = 1e-9, the jackknife's
  # refits at rounding level) and its SEs to 1.3e-6 (1.7e-5 before refits were
  # polished, see polish()), just short of the 1e-6 check, cause not found.
  if (key != "bmt_relapse") next
  jack <- jackknife(key, k)
  for (estimand in c("ATE", "ATT")) {
    ours <- jack[jack$estimand == estimand, ]
    theirs <- by_ate[by_ate$estimand == estimand, ]
    cat(key, estimand, ": jackknife vs ate, largest relative difference: risks",
        max(abs(ours$estimate / theirs$estimate - 1)), "SEs", max(abs(ours$se / theirs$se - 1)), "\n")
    stopifnot(isTRUE(all.equal(ours$estimate, theirs$estimate, tolerance = 1e-6)),
              isTRUE(all.equal(ours$se, theirs$se, tolerance = 1e-6)))
  }
  rows[[length(rows) + 1]] <- jack[jack$estimand == "ATO", ]
}
write_full(do.call(rbind, rows), "fixtures/adjusted_gcomp_estimands.csv")
