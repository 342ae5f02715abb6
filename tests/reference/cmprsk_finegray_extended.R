# Reference values for graftline.stats.fine_gray's cengroup, cov2/tf (cmprsk::crr)
# and weights/cluster (survival::finegray + coxph).
#
# R 4.2 with cmprsk 2.2, survival 3.5 and KMsurv (Debian packages); mstate's
# ebmt4 from fixtures/cmprsk_ebmt4.csv. Run from tests/reference:
#   Rscript cmprsk_finegray_extended.R
# Writes fixtures/cmprsk_finegray_extended.csv: one row per fit and term with
# coef, se (crr: sqrt(diag(var)); finegray + coxph: the robust SE), naive_se
# (crr: sqrt(diag(invinf)); coxph: sqrt(diag(naive.var))), loglik, loglik_null.
options(digits = 17)
suppressPackageStartupMessages({
  library(cmprsk)
  library(survival)
})
data(bmt, package = "KMsurv")
bmt$group <- factor(bmt$group)
bmt$status <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))  # relapse, death without relapse
bmt$id <- seq_len(nrow(bmt))
bmt$w <- 0.5 + ((bmt$id * 31) %% 17) / 10
x_bmt <- model.matrix(~ group + z1, data = bmt)[, -1]
ebmt4 <- read.csv("fixtures/cmprsk_ebmt4.csv", check.names = FALSE)
ebmt4$status <- ifelse(ebmt4[["rel.s"]] == 1, 1, ifelse(ebmt4[["srv.s"]] == 1, 2, 0))
ebmt4$time <- ifelse(ebmt4[["rel.s"]] == 1, ebmt4$rel, ebmt4$srv)
ebmt4$agecl <- factor(ebmt4$agecl, levels = c("<=20", "20-40", ">40"))
ebmt4$match <- factor(ebmt4$match, levels = c("no gender mismatch", "gender mismatch"))
ebmt4$centre <- sprintf("C%02d", (ebmt4$id * 7919) %% 31 + 1)
ebmt4$w <- 0.5 + ((ebmt4$id * 13) %% 11) / 8
x_ebmt <- model.matrix(~ agecl + match, data = ebmt4)[, -1]

rows <- list()
add_crr <- function(key, fit) {
  rows[[key]] <<- data.frame(key = key, term = names(fit$coef), coef = unname(fit$coef),
                             se = sqrt(diag(fit$var)), naive_se = sqrt(diag(fit$invinf)),
                             loglik = fit$loglik, loglik_null = fit$loglik.null,
                             iterations = NA, converged = fit$converged)
}
add_cox <- function(key, fit) {
  rows[[key]] <<- data.frame(key = key, term = names(coef(fit)), coef = unname(coef(fit)),
                             se = sqrt(diag(fit$var)), naive_se = sqrt(diag(fit$naive.var)),
                             loglik = fit$loglik[2], loglik_null = fit$loglik[1],
                             iterations = fit$iter, converged = TRUE)
}

# crr with a censoring distribution per group.
add_crr("bmt_relapse_cengroup", crr(bmt$t2, bmt$status, x_bmt, cengroup = bmt$z10))
add_crr("ebmt4_relapse_cengroup", crr(ebmt4$time, ebmt4$status, x_ebmt, cengroup = ebmt4$proph))
add_crr("ebmt4_death_cengroup", crr(ebmt4$time, ebmt4$status, x_ebmt, cengroup = ebmt4$year, failcode = 2))
# crr with covariates multiplied by functions of time.
add_crr("bmt_relapse_cov2_log", crr(bmt$t2, bmt$status, x_bmt, cov2 = cbind(z1 = bmt$z1),
                                    tf = function(uft) log(uft)))
add_crr("bmt_relapse_cov2_two", crr(bmt$t2, bmt$status, x_bmt[, c("group2", "group3")],
                                    cov2 = cbind(z1 = bmt$z1, group3 = x_bmt[, "group3"]),
                                    tf = function(uft) cbind(log(uft), uft / 365)))
add_crr("bmt_relapse_cov2_only", crr(bmt$t2, bmt$status, cov2 = cbind(z1 = bmt$z1),
                                     tf = function(uft) uft / 365))
add_crr("ebmt4_relapse_cov2_cengroup", crr(ebmt4$time, ebmt4$status, x_ebmt,
                                           cov2 = cbind(match = x_ebmt[, "matchgender mismatch"]),
                                           tf = function(uft) log(uft), cengroup = ebmt4$proph))
# finegray() + weighted, clustered coxph (Breslow ties, as crr's likelihood).
fg <- finegray(Surv(t2, factor(status, 0:2, c("censor", "relapse", "nrm"))) ~ ., etype = "relapse",
               data = bmt[, c("t2", "status", "group", "z1", "z9", "id", "w")])
add_cox("bmt_relapse_finegray_hospital", coxph(Surv(fgstart, fgstop, fgstatus) ~ group + z1, data = fg,
                                               weights = fgwt, cluster = z9, ties = "breslow"))
add_cox("bmt_relapse_finegray_id", coxph(Surv(fgstart, fgstop, fgstatus) ~ group + z1, data = fg,
                                         weights = fgwt, id = id, robust = TRUE, ties = "breslow"))
fgw <- finegray(Surv(t2, factor(status, 0:2, c("censor", "relapse", "nrm"))) ~ ., etype = "relapse",
                data = bmt[, c("t2", "status", "group", "z1", "z9", "id", "w")], weights = w)
add_cox("bmt_relapse_finegray_weighted", coxph(Surv(fgstart, fgstop, fgstatus) ~ group + z1, data = fgw,
                                               weights = fgwt, id = id, robust = TRUE, ties = "breslow"))
add_cox("bmt_relapse_finegray_weighted_hospital",
        coxph(Surv(fgstart, fgstop, fgstatus) ~ group + z1, data = fgw, weights = fgwt, cluster = z9,
              ties = "breslow"))
fg4 <- finegray(Surv(time, factor(status, 0:2, c("censor", "relapse", "death"))) ~ ., etype = "relapse",
                data = ebmt4[, c("time", "status", "agecl", "match", "centre", "id", "w")], weights = w)
add_cox("ebmt4_relapse_finegray_centre", coxph(Surv(fgstart, fgstop, fgstatus) ~ agecl + match, data = fg4,
                                               weights = fgwt, cluster = centre, ties = "breslow"))
out <- do.call(rbind, rows)
for (col in c("coef", "se", "naive_se", "loglik", "loglik_null"))
  out[[col]] <- sprintf("%.17g", out[[col]])
write.csv(out, "fixtures/cmprsk_finegray_extended.csv", row.names = FALSE)
