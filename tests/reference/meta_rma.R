# Reference pooled analyses for graftline.meta.pool, egger_test, trim_and_fill
# and leave_one_out, from metafor::rma.uni and friends.
# Run from tests/reference:  Rscript meta_rma.R
# Writes fixtures/meta_rma.json (jsonlite writes 15 significant digits).
#
# Iterative estimators: REML, ML and EB use metafor's default Fisher scoring
# (threshold 1e-5, maxiter 100, stepadj 1, start = max(0, HE)); graftline runs
# the same iteration, so both stop at the same tau^2. PM is also written with a
# tightened root-finding tolerance ("PM_exact") because metafor's uniroot stops
# at tol = .Machine$double.eps^0.25 (about 1.2e-4) while graftline solves the
# PM equation to machine precision.
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
library(jsonlite)

summarise <- function(res, pred = predict(res)) {
  list(estimate = as.numeric(res$beta), se = as.numeric(res$se),
       statistic = as.numeric(res$zval), p_value = as.numeric(res$pval),
       ci_lower = as.numeric(res$ci.lb), ci_upper = as.numeric(res$ci.ub),
       tau2 = res$tau2, i2 = res$I2, h2 = res$H2, q = res$QE, q_p_value = res$QEp,
       qm = res$QM, qm_p_value = res$QMp,
       pi_lower = if (is.null(pred$pi.lb)) NA else as.numeric(pred$pi.lb),
       pi_upper = if (is.null(pred$pi.ub)) NA else as.numeric(pred$pi.ub),
       weights = as.numeric(weights(res)), k = res$k, p = res$p)
}

out <- list(metafor_version = as.character(packageVersion("metafor")),
            r_version = R.version.string)

# --- dat.bcg, log risk ratios -------------------------------------------------
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
out$bcg <- list(yi = as.numeric(bcg$yi), vi = as.numeric(bcg$vi), ablat = bcg$ablat,
                alloc = bcg$alloc, fits = list())
for (method in c("FE", "DL", "REML", "ML", "PM", "SJ", "HE", "HS", "EB")) {
  for (test in c("z", "knha")) {
    res <- suppressWarnings(rma(yi, vi, data = bcg, method = method, test = test))
    out$bcg$fits[[paste(method, test, sep = "_")]] <- summarise(res)
  }
}
for (test in c("z", "knha")) {
  res <- rma(yi, vi, data = bcg, method = "PM", test = test,
             control = list(tol = 1e-14, maxiter = 10000))
  out$bcg$fits[[paste("PM_exact", test, sep = "_")]] <- summarise(res)
}
# Back-transformed (risk ratio) pooled estimate and prediction interval.
res <- rma(yi, vi, data = bcg, method = "REML")
bt <- predict(res, transf = exp)
out$bcg$back_transform_REML_z <- list(estimate = bt$pred, ci_lower = bt$ci.lb, ci_upper = bt$ci.ub,
                                      pi_lower = bt$pi.lb, pi_upper = bt$pi.ub)

# Meta-regression on absolute latitude (metafor's classic example).
out$bcg$mods <- list()
for (method in c("REML", "DL", "ML", "PM", "SJ", "HE", "HS", "EB", "FE")) {
  for (test in c("z", "knha")) {
    res <- suppressWarnings(rma(yi, vi, mods = ~ ablat, data = bcg, method = method, test = test,
               control = if (method == "PM") list(tol = 1e-14, maxiter = 10000) else list()))
    out$bcg$mods[[paste(method, test, sep = "_")]] <- list(
      coef = as.numeric(res$beta), se = as.numeric(res$se), statistic = as.numeric(res$zval),
      p_value = as.numeric(res$pval), ci_lower = as.numeric(res$ci.lb), ci_upper = as.numeric(res$ci.ub),
      tau2 = res$tau2, q = res$QE, q_p_value = res$QEp, qm = res$QM, qm_p_value = res$QMp,
      i2 = res$I2, h2 = res$H2, r2 = if (is.null(res$R2)) NA else res$R2)
  }
}

# Egger's regression test (regtest defaults: model = "rma", predictor = "sei").
out$bcg$regtest <- list()
for (method in c("REML", "DL", "FE")) {
  for (test in c("z", "knha")) {
    rt <- regtest(rma(yi, vi, data = bcg, method = method, test = test))
    out$bcg$regtest[[paste(method, test, sep = "_")]] <- list(
      statistic = rt$zval, p_value = rt$pval, df = if (is.null(rt$ddf) || is.na(rt$ddf)) NA else rt$ddf,
      limit_estimate = as.numeric(rt$est), limit_ci_lower = as.numeric(rt$ci.lb),
      limit_ci_upper = as.numeric(rt$ci.ub))
  }
}

# Trim and fill (defaults: estimator L0, side from the sign of the sei slope).
tf_summary <- function(tf) {
  list(k0 = tf$k0, side = tf$side, estimate = as.numeric(tf$beta), se = as.numeric(tf$se),
       ci_lower = tf$ci.lb, ci_upper = tf$ci.ub, p_value = tf$pval, tau2 = tf$tau2,
       filled_yi = as.numeric(tf$yi[tf$fill]), filled_vi = as.numeric(tf$vi[tf$fill]))
}
out$bcg$trimfill <- list(REML = tf_summary(trimfill(rma(yi, vi, data = bcg, method = "REML"))),
                         FE = tf_summary(trimfill(rma(yi, vi, data = bcg, method = "FE"))),
                         DL = tf_summary(trimfill(rma(yi, vi, data = bcg, method = "DL"))))

# Leave-one-out (REML and DL).
out$bcg$leave1out <- list()
for (method in c("REML", "DL")) {
  l1 <- leave1out(rma(yi, vi, data = bcg, method = method))
  out$bcg$leave1out[[method]] <- list(estimate = l1$estimate, se = l1$se, p_value = l1$pval,
    ci_lower = l1$ci.lb, ci_upper = l1$ci.ub, q = l1$Q, tau2 = l1$tau2, i2 = l1$I2)
}

# Subgroups by allocation: a separate random-effects model (own tau^2) per
# subgroup, as in RevMan and the Cochrane Handbook (10.11.3.1); test for
# subgroup differences = Q of a fixed-effect meta-analysis of the subgroup
# estimates with their standard errors.
sub <- list()
ests <- c(); ses <- c()
for (g in sort(unique(bcg$alloc))) {
  res <- rma(yi, vi, data = bcg, subset = alloc == g, method = "REML")
  sub[[g]] <- summarise(res)
  ests <- c(ests, as.numeric(res$beta)); ses <- c(ses, res$se)
}
between <- rma(ests, sei = ses, method = "FE")
out$bcg$subgroups_REML <- list(groups = sub, q_between = between$QE, df_between = between$k - 1,
                               p_between = between$QEp)

# --- dat.hackshaw1998 (log odds ratios): trim and fill fills studies ---------
hs <- dat.hackshaw1998
out$hackshaw <- list(yi = hs$yi, vi = hs$vi)
out$hackshaw$trimfill <- list(REML = tf_summary(trimfill(rma(yi, vi, data = hs, method = "REML"))),
                              FE = tf_summary(trimfill(rma(yi, vi, data = hs, method = "FE"))))
out$hackshaw$regtest_REML_z <- with(regtest(rma(yi, vi, data = hs)), list(statistic = zval, p_value = pval,
   limit_estimate = as.numeric(est)))
out$hackshaw$fits <- list()
for (method in c("REML", "ML", "EB", "DL")) {
  out$hackshaw$fits[[method]] <- summarise(rma(yi, vi, data = hs, method = method))
}

# --- dat.normand1999: SMD (Hedges' g) and MD pooled -------------------------
for (m in c("SMD", "MD")) {
  d <- escalc(measure = m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i,
              data = dat.normand1999)
  out[[paste0("normand_", m)]] <- list(yi = as.numeric(d$yi), vi = as.numeric(d$vi),
     REML_z = summarise(rma(yi, vi, data = d, method = "REML")),
     DL_knha = summarise(rma(yi, vi, data = d, method = "DL", test = "knha")))
}

# --- dat.pritz1997: proportions, back-transformed -----------------------------
d <- escalc(measure = "PFT", xi = xi, ni = ni, data = dat.pritz1997)
res <- rma(yi, vi, data = d, method = "REML")
bt <- predict(res, transf = transf.ipft.hm, targs = list(ni = dat.pritz1997$ni))
out$pritz_PFT <- list(yi = as.numeric(d$yi), vi = as.numeric(d$vi), n = dat.pritz1997$ni,
  REML_z = summarise(res),
  back_transform = list(estimate = bt$pred, ci_lower = bt$ci.lb, ci_upper = bt$ci.ub,
                        pi_lower = bt$pi.lb, pi_upper = bt$pi.ub))
d <- escalc(measure = "PLO", xi = xi, ni = ni, data = dat.pritz1997)
res <- rma(yi, vi, data = d, method = "DL")
bt <- predict(res, transf = transf.ilogit)
out$pritz_PLO <- list(yi = as.numeric(d$yi), vi = as.numeric(d$vi), DL_z = summarise(res),
  back_transform = list(estimate = bt$pred, ci_lower = bt$ci.lb, ci_upper = bt$ci.ub,
                        pi_lower = bt$pi.lb, pi_upper = bt$pi.ub))

# --- k = 1 and k = 2 ----------------------------------------------------------
res <- rma(yi = 0.5, vi = 0.04, method = "REML")
out$single_study <- summarise(res)

write_json(out, "fixtures/meta_rma.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
