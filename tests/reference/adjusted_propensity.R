# Reference values for graftline.stats.adjusted: propensity scores, weights,
# balance and nearest-neighbour matching.
#
# R 4.2 with survival 3.5, KMsurv and MatchIt 4.5 from the Debian packages;
# mstate's EBMT data from fixtures/survival_ebmt3.csv (survival_export_ebmt.py).
# Run from tests/reference:  Rscript adjusted_propensity.R
# Writes fixtures/adjusted_ps_coef.csv (glm coefficients), adjusted_ps.csv
# (one row per patient: score, logit, weights), adjusted_balance.csv (one
# row per case, weighting and model term) and adjusted_match.csv (MatchIt's
# matched pairs and weights).
#
# Balance: MatchIt's own per-term routine (MatchIt:::bal1var, what
# summary.matchit calls) on the treatment-contrast model matrix, so every
# number is MatchIt's, with the SMD denominator both pooled (cobalt's and
# MatchIt's choice for the ATE) and treated (MatchIt's choice for the ATT).
options(digits = 17)
suppressPackageStartupMessages({
  library(MatchIt)
  library(KMsurv)
})
stopifnot(packageVersion("MatchIt") >= "4.3")

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

data(bmt, package = "KMsurv")
bmt$group <- factor(bmt$group)
ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))
ebmt3$drmatch <- factor(ebmt3$drmatch, levels = c("No gender mismatch", "Gender mismatch"))
ebmt3$treated <- as.integer(ebmt3$tcd == "TCD")

# Synthetic: continuous confounders (no ties in the score), 600 patients.
set.seed(20261203)
n <- 600
synthetic <- data.frame(age = round(rnorm(n, 50, 12), 1), cd34 = round(rlnorm(n, 1.5, 0.4), 3),
                        risk = sample(c("low", "intermediate", "high"), n, replace = TRUE),
                        female = runif(n) < 0.45)
synthetic$risk <- factor(synthetic$risk, levels = c("low", "intermediate", "high"))
lp <- -1.2 + 0.04 * (synthetic$age - 50) + 0.5 * (synthetic$risk == "high") - 0.3 * synthetic$female
synthetic$treated <- as.integer(runif(n) < plogis(lp))
write_full(synthetic, "fixtures/adjusted_synthetic.csv")

cases <- list(
  ebmt3 = list(data = ebmt3, formula = treated ~ dissub + age + drmatch),
  bmt = list(data = bmt, formula = z10 ~ group + z1 + z2 + z3 + z4 + z7 + z8),
  synthetic = list(data = synthetic, formula = treated ~ age + cd34 + risk + female)
)

# Weight truncation at the q-th quantile (R's default type 7), both tails.
truncate <- function(w, q) pmin(pmax(w, quantile(w, 1 - q)), quantile(w, q))

# MatchIt 4.5.1 (the Debian package) compares logit distances with C's
# integer abs() in its vector-distance code path, so it neither takes the
# nearest control nor honours a caliper below 1 (MatchIt issue #163, fixed in
# 4.5.4): matchit(a ~ x, distance = c(0.5, -0.4, 0.6), data with a = 1, 0, 0)
# matches the treated unit to -0.4. Its distance-matrix path is correct, so the
# reference runs MatchIt's greedy matching there: the |logit_i - logit_j|
# matrix, the caliper in logit units (caliper SDs of the logit, as
# std.caliper = TRUE computes it) and the treated units ordered by decreasing
# score (m.order = "largest"; the matrix path processes them in data order).
# Where several controls are equally near (tied scores), the two paths break
# the tie differently; the tests compare tie-invariant quantities there.
nearest <- function(d, f, fit, caliper, ratio) {
  lp <- predict(fit, type = "link")
  a <- fit$y
  o <- order(-lp, method = "radix")  # stable: ties in input order
  ds <- d[o, ]
  rownames(ds) <- as.character(o)
  D <- abs(outer(lp[o][a[o] == 1], lp[o][a[o] == 0], "-"))
  cal <- if (is.null(caliper)) NULL else caliper * sd(lp)
  m <- matchit(f, data = ds, method = "nearest", distance = D, m.order = "data",
               caliper = cal, std.caliper = FALSE, ratio = ratio)
  m$balance <- summary(m, standardize = TRUE)$sum.matched  # before rows are put back in input order
  m$match.matrix <- m$match.matrix[order(as.integer(rownames(m$match.matrix))), , drop = FALSE]
  back <- integer(length(o)); back[o] <- seq_along(o)
  m$weights <- unname(m$weights)[back]
  m
}

coef_rows <- list(); ps_rows <- list(); bal_rows <- list(); match_rows <- list()
for (key in names(cases)) {
  d <- cases[[key]]$data
  f <- cases[[key]]$formula
  fit <- glm(f, data = d, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
  s <- summary(fit)$coefficients
  coef_rows[[key]] <- data.frame(case = key, term = rownames(s), coef = s[, 1], se = s[, 2],
                                 deviance = fit$deviance, iterations = fit$iter)
  a <- fit$y
  ps <- fitted(fit)
  p1 <- mean(a)
  w <- list(
    ate = ifelse(a == 1, 1 / ps, 1 / (1 - ps)),
    att = ifelse(a == 1, 1, ps / (1 - ps)),
    ato = ifelse(a == 1, 1 - ps, ps))
  w$ate_stabilized <- w$ate * ifelse(a == 1, p1, 1 - p1)
  w$att_stabilized <- w$att * ifelse(a == 1, p1, 1 - p1)
  w$ato_stabilized <- w$ato * ifelse(a == 1, p1, 1 - p1)
  # Trimming (Crump et al. 2009): weight 0 outside [alpha, 1 - alpha].
  w$ate_trim05 <- ifelse(ps < 0.05 | ps > 0.95, 0, w$ate)
  w$ate_truncate95 <- truncate(w$ate, 0.95)
  ps_rows[[key]] <- data.frame(case = key, row = seq_along(a) - 1, treated = a, ps = ps,
                               logit = predict(fit, type = "link"), as.data.frame(w))

  X <- model.matrix(f, data = d)[, -1, drop = FALSE]
  weightings <- c(list(none = NULL), w)
  weightings$matched_caliper <- nearest(d, f, fit, caliper = 0.2, ratio = 1)$weights
  for (name in names(weightings)) for (denom in c("pooled", "treated")) {
    ww <- weightings[[name]]
    for (j in seq_len(ncol(X))) {
      b <- MatchIt:::bal1var(X[, j], tt = a, ww = ww, s.weights = rep(1, length(a)),
                             standardize = TRUE, s.d.denom = denom, compute.pair.dist = FALSE)
      wt <- if (is.null(ww)) rep(1, length(a)) else ww
      bal_rows[[length(bal_rows) + 1]] <- data.frame(
        case = key, weights = name, denominator = denom, term = colnames(X)[j],
        mean_treated = b[["Means Treated"]], mean_control = b[["Means Control"]],
        smd = b[["Std. Mean Diff."]], variance_ratio = b[["Var. Ratio"]],
        ess_treated = MatchIt:::ESS(wt[a == 1]), ess_control = MatchIt:::ESS(wt[a == 0]))
    }
  }

  # Nearest-neighbour matching on the logit (ATT, largest score first, no
  # replacement), with and without a caliper (in SDs of the logit), 1:1 and 1:2.
  for (spec in list(list(caliper = NULL, ratio = 1), list(caliper = 0.2, ratio = 1),
                    list(caliper = 0.05, ratio = 1), list(caliper = 0.2, ratio = 2))) {
    m <- nearest(d, f, fit, caliper = spec$caliper, ratio = spec$ratio)
    mm <- m$match.matrix
    label <- sprintf("caliper=%s,ratio=%d", if (is.null(spec$caliper)) "none" else spec$caliper, spec$ratio)
    treated_rows <- as.integer(rownames(mm)) - 1
    for (k in seq_len(ncol(mm))) {
      match_rows[[length(match_rows) + 1]] <- data.frame(
        case = key, spec = label, kind = "pair", row = treated_rows, slot = k - 1,
        control = ifelse(is.na(mm[, k]), NA, as.integer(mm[, k]) - 1), value = NA_real_)
    }
    match_rows[[length(match_rows) + 1]] <- data.frame(
      case = key, spec = label, kind = "weight", row = seq_along(a) - 1, slot = NA,
      control = NA, value = unname(m$weights))
    # summary.matchit: the ATT balance of the matched set, SD of the treated.
    sm <- m$balance
    match_rows[[length(match_rows) + 1]] <- data.frame(
      case = key, spec = label, kind = "summary_smd", row = NA, slot = NA,
      control = NA, value = sm[, "Std. Mean Diff."], term = rownames(sm))
  }
}
match_frame <- do.call(rbind, lapply(match_rows, function(r) {
  if (is.null(r$term)) r$term <- NA_character_
  r
}))
write_full(do.call(rbind, coef_rows), "fixtures/adjusted_ps_coef.csv")
write_full(do.call(rbind, ps_rows), "fixtures/adjusted_ps.csv")
write_full(do.call(rbind, bal_rows), "fixtures/adjusted_balance.csv")
write_full(match_frame, "fixtures/adjusted_match.csv")
