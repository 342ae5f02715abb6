# Reference values for graftline.meta's sparse-data pooling: Mantel-Haenszel
# (rma.mh), Peto (rma.peto) and binomial-normal GLMMs (rma.glmm, which calls
# lme4::glmer with adaptive Gauss-Hermite quadrature, nAGQ = 7).
# Run from tests/reference:  Rscript meta_sparse.R  -> fixtures/meta_sparse.json
#
# GLMMs are written twice: with metafor's defaults (lme4's default optimisers,
# whose stopping rule leaves ~1e-5 to ~1e-3 relative error) and with lme4 run
# to a tight tolerance (bobyqa, rhoend = 1e-12: "tight"), which is the maximum
# of the same likelihood graftline computes.
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
suppressPackageStartupMessages(library(lme4))
library(jsonlite)

out <- list(metafor_version = as.character(packageVersion("metafor")),
            lme4_version = as.character(packageVersion("lme4")), r_version = R.version.string)

two_by_two <- function(ai, n1i, ci, n2i) list(ai = ai, n1i = n1i, ci = ci, n2i = n2i)

# A sparse set like single-centre MSC series: graft failure in small arms,
# zero cells, one study with no events in either arm (double zero).
sparse <- two_by_two(ai = c(0, 1, 0, 2, 0, 1), n1i = c(10, 15, 12, 20, 8, 25),
                     ci = c(2, 3, 0, 4, 1, 5), n2i = c(10, 14, 12, 21, 9, 24))
bcg <- with(dat.bcg, two_by_two(tpos, tpos + tneg, cpos, cpos + cneg))
niel <- with(dat.nielweise2007, two_by_two(ai, n1i, ci, n2i))
sets <- list(bcg = bcg, nielweise2007 = niel, sparse = sparse)

mh_summary <- function(res) list(
  estimate = as.numeric(res$beta), se = res$se, statistic = res$zval, p_value = res$pval,
  ci_lower = res$ci.lb, ci_upper = res$ci.ub, q = res$QE, q_p_value = res$QEp, i2 = res$I2,
  h2 = res$H2, k = res$k, k_yi = res$k.yi, cmh = res$MH, cmh_p_value = res$MHp,
  breslow_day = res$BD, breslow_day_p_value = res$BDp, tarone = res$TA, tarone_p_value = res$TAp,
  weights = as.numeric(weights(res)), yi = as.numeric(res$yi.f), vi = as.numeric(res$vi.f))

for (name in names(sets)) {
  d <- sets[[name]]
  entry <- list(data = d)
  for (measure in c("OR", "RR", "RD")) {
    res <- suppressWarnings(rma.mh(measure = measure, ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i))
    entry[[paste0("mh_", measure)]] <- mh_summary(res)
  }
  # Without the continuity correction in the CMH test.
  res <- suppressWarnings(rma.mh(measure = "OR", ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i,
                                 correct = FALSE))
  entry$mh_OR_uncorrected <- mh_summary(res)
  res <- suppressWarnings(rma.peto(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i))
  entry$peto <- list(estimate = as.numeric(res$beta), se = res$se, statistic = res$zval,
    p_value = res$pval, ci_lower = res$ci.lb, ci_upper = res$ci.ub, q = res$QE,
    q_p_value = res$QEp, i2 = res$I2, h2 = res$H2, k = res$k, k_yi = res$k.yi,
    weights = as.numeric(weights(res)), yi = as.numeric(res$yi.f), vi = as.numeric(res$vi.f))
  out[[name]] <- entry
}

glmm_summary <- function(res) list(
  estimate = as.numeric(res$beta[1]), se = res$se[1], statistic = res$zval[1], p_value = res$pval[1],
  ci_lower = res$ci.lb[1], ci_upper = res$ci.ub[1], tau2 = res$tau2, i2 = res$I2, h2 = res$H2,
  q_wald = res$QE.Wld, q_wald_p_value = res$QEp.Wld, q_lrt = res$QE.LRT, q_lrt_p_value = res$QEp.LRT,
  q_df = res$QE.df, loglik = res$fit.stats["ll", "ML"], k = res$k,
  coef = as.numeric(res$beta), coef_se = as.numeric(res$se))
tight <- list(optimizer = "bobyqa", optCtrl = list(rhoend = 1e-12, maxfun = 1e5))
glmm_pair <- function(...) list(
  default = glmm_summary(suppressWarnings(rma.glmm(...))),
  tight = glmm_summary(suppressWarnings(rma.glmm(..., control = list(glmerCtrl = tight)))))

# --- single-arm proportions (measure PLO): dat.pritz1997 and a set with zero events
p <- dat.pritz1997
out$pritz1997 <- list(xi = p$xi, ni = p$ni,
  plo = glmm_pair(measure = "PLO", xi = p$xi, ni = p$ni),
  plo_fe = glmm_summary(rma.glmm(measure = "PLO", xi = p$xi, ni = p$ni, method = "FE")),
  plo_laplace = glmm_pair(measure = "PLO", xi = p$xi, ni = p$ni, nAGQ = 1))
# The marginal log-likelihood of the PLO model at given (beta, tau), written
# out by hand here as an independent check of graftline's quadrature: the
# adaptive Gauss-Hermite sum with lme4's GHrule nodes around each study's mode
# (found by optimize), and the exact integral by integrate(). lme4's own
# logLik() for nAGQ > 1 fits is on a shifted scale (it leaves out a constant),
# and metafor's fit.stats follow it, so they are not compared.
agq_loglik <- function(x, n, beta, tau, nodes) {
  rule <- GHrule(nodes)
  total <- 0
  for (i in seq_along(x)) {
    h <- function(u) dbinom(x[i], n[i], plogis(beta + tau * u), log = TRUE) - u^2 / 2
    mode <- optimize(h, c(-15, 15), maximum = TRUE, tol = 1e-12)$maximum
    p <- plogis(beta + tau * mode)
    sigma <- 1 / sqrt(n[i] * p * (1 - p) * tau^2 + 1)
    # GHrule weights are for the standard normal density: sum w exp(h + z^2/2) sigma.
    total <- total + log(sigma * sum(rule[, "w"] * exp(h(mode + sigma * rule[, "z"]) + rule[, "z"]^2 / 2)))
  }
  total
}
exact_loglik <- function(x, n, beta, tau) sum(sapply(seq_along(x), function(i) log(integrate(
  function(u) dbinom(x[i], n[i], plogis(beta + tau * u)) * dnorm(u), -Inf, Inf,
  rel.tol = 1e-12, abs.tol = 0)$value)))
points <- list(c(1.3766, 0.7677), c(1.0, 0.3), c(2.0, 1.5))
out$pritz1997$loglik_points <- lapply(points, function(pt) list(beta = pt[1], tau = pt[2],
  agq7 = agq_loglik(p$xi, p$ni, pt[1], pt[2], 7), agq1 = agq_loglik(p$xi, p$ni, pt[1], pt[2], 1),
  agq25 = agq_loglik(p$xi, p$ni, pt[1], pt[2], 25), exact = exact_loglik(p$xi, p$ni, pt[1], pt[2])))

zero <- list(xi = c(0, 1, 0, 3, 2, 0, 1), ni = c(14, 20, 9, 31, 25, 12, 16))
out$zero_events <- c(zero, list(plo = glmm_pair(measure = "PLO", xi = zero$xi, ni = zero$ni)))

# --- two-arm odds ratios: dat.nielweise2007 (zero cells, one double-zero study)
out$nielweise2007$glmm <- list(
  um_fs = glmm_pair(measure = "OR", ai = niel$ai, n1i = niel$n1i, ci = niel$ci, n2i = niel$n2i,
                    model = "UM.FS"),
  cm_al = glmm_pair(measure = "OR", ai = niel$ai, n1i = niel$n1i, ci = niel$ci, n2i = niel$n2i,
                    model = "CM.AL"),
  um_fs_fe = glmm_summary(suppressWarnings(rma.glmm(measure = "OR", ai = niel$ai, n1i = niel$n1i,
    ci = niel$ci, n2i = niel$n2i, model = "UM.FS", method = "FE"))),
  cm_al_fe = glmm_summary(suppressWarnings(rma.glmm(measure = "OR", ai = niel$ai, n1i = niel$n1i,
    ci = niel$ci, n2i = niel$n2i, model = "CM.AL", method = "FE"))))
# With a moderator (publication year, centred as metafor scales it internally).
out$nielweise2007$glmm$cm_al_year <- glmm_pair(measure = "OR", ai = niel$ai, n1i = niel$n1i,
  ci = niel$ci, n2i = niel$n2i, model = "CM.AL", mods = dat.nielweise2007$year)
out$nielweise2007$year <- dat.nielweise2007$year

write_json(out, "fixtures/meta_sparse.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
