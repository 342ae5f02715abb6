# Reference values for graftline.meta's diagnostics: influence (influence.rma.uni),
# cumulative meta-analysis (cumul.rma.uni), Baujat plot coordinates (baujat.rma)
# and GOSH subsets (gosh.rma), all on dat.bcg log risk ratios.
# Run from tests/reference:  Rscript meta_diagnostics.R -> fixtures/meta_diagnostics.json
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
library(jsonlite)

bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
out <- list(metafor_version = as.character(packageVersion("metafor")), yi = as.numeric(bcg$yi),
            vi = as.numeric(bcg$vi), year = bcg$year, ablat = bcg$ablat)

inf_summary <- function(res) {
  inf <- influence(res)
  columns <- c("rstudent", "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight")
  c(setNames(lapply(columns, function(name) as.numeric(inf$inf[[name]])), columns),
    list(dfbetas = lapply(seq_len(res$p), function(j) as.numeric(inf$dfbs[[j]])),
         is_infl = as.logical(inf$is.infl)))
}
out$influence <- list(
  REML_z = inf_summary(rma(yi, vi, data = bcg, method = "REML")),
  DL_knha = inf_summary(rma(yi, vi, data = bcg, method = "DL", test = "knha")),
  FE_z = inf_summary(rma(yi, vi, data = bcg, method = "FE")),
  ML_z = inf_summary(rma(yi, vi, data = bcg, method = "ML")),
  REML_ablat = inf_summary(rma(yi, vi, mods = ~ ablat, data = bcg, method = "REML")))

cumul_summary <- function(cu) list(estimate = as.numeric(cu$estimate), se = as.numeric(cu$se),
  ci_lower = as.numeric(cu$ci.lb), ci_upper = as.numeric(cu$ci.ub), p_value = as.numeric(cu$pvals),
  q = as.numeric(cu$Q), q_p_value = as.numeric(cu$Qp),
  tau2 = if (is.null(cu$tau2)) NA else as.numeric(cu$tau2), i2 = as.numeric(cu$I2),
  h2 = as.numeric(cu$H2), slab = as.character(cu$slab))
res <- rma(yi, vi, data = bcg, method = "REML")
out$cumul <- list(
  REML_z = cumul_summary(cumul(res)),
  REML_z_year = cumul_summary(cumul(res, order = year)),
  REML_z_year_decreasing = cumul_summary(cumul(res, order = year, decreasing = TRUE)),
  DL_knha_year = cumul_summary(cumul(rma(yi, vi, data = bcg, method = "DL", test = "knha"), order = year)),
  FE_z = cumul_summary(cumul(rma(yi, vi, data = bcg, method = "FE"))))

pdf(NULL)
b <- baujat(res)
out$baujat <- list(REML = list(x = b$x, y = b$y))
b <- baujat(rma(yi, vi, data = bcg, method = "FE"))
out$baujat$FE <- list(x = b$x, y = b$y)

# GOSH: every subset of the first 10 studies (1023 models).
gosh_summary <- function(res) {
  g <- gosh(res, progbar = FALSE)
  list(incl = unname(apply(g$incl, 1, function(r) sum(2^(which(r) - 1)))),
       estimate = g$res$estimate, q = g$res$QE, i2 = g$res$I2, h2 = g$res$H2,
       tau2 = if (is.null(g$res$tau2)) NA else g$res$tau2)
}
first <- bcg[1:10, ]
out$gosh <- list(
  REML = gosh_summary(rma(yi, vi, data = first, method = "REML")),
  DL = gosh_summary(rma(yi, vi, data = first, method = "DL")),
  FE = gosh_summary(rma(yi, vi, data = first, method = "FE")))

write_json(out, "fixtures/meta_diagnostics.json", digits = NA, auto_unbox = TRUE, pretty = TRUE, na = "null")
