# Reference values for graftline.stats.cox_zph (survival::cox.zph).
#
# R 4.2 with survival 3.5 and KMsurv (Debian packages); the counting-process
# data sets written by survival_cox_counting.R. Run from tests/reference
# after survival_cox_counting.R:  Rscript survival_cox_zph.R
# Writes fixtures/survival_cox_zph.csv (one row per test and term: chisq, df,
# p) and fixtures/survival_cox_zph_residuals.csv (per test and event: time,
# transformed time $x, scaled residuals $y), fixtures/survival_cox_zph_var.csv
# ($var).
options(digits = 17)
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

data(bmt, package = "KMsurv")
bmt$group <- factor(bmt$group)
# A covariate constant within one stratum (z10 = 1): its scaled residuals are NA there.
bmt$age_if_no_mtx <- ifelse(bmt$z10 == 1, 0, bmt$z1)
tdb <- read.csv("fixtures/survival_td_bmt.csv")
tdb$group <- factor(tdb$group)
td4 <- read.csv("fixtures/survival_td_ebmt4.csv")
td4 <- within(td4, {
  year <- factor(year, levels = c("1985-1989", "1990-1994", "1995-1998"))
  agecl <- factor(agecl, levels = c("<=20", "20-40", ">40"))
})
ties <- read.csv("fixtures/survival_td_ties.csv")
ties$arm <- factor(ties$arm)

tables <- list(); resid <- list(); vars <- list()
add <- function(key, fit, transform = "km", terms = TRUE) {
  z <- cox.zph(fit, transform = transform, terms = terms)
  tables[[key]] <<- data.frame(key = key, transform = transform, terms = terms,
                               term = rownames(z$table), chisq = z$table[, "chisq"],
                               df = z$table[, "df"], p = z$table[, "p"])
  y <- as.matrix(z$y)
  frame <- data.frame(key = key, index = seq_len(nrow(y)) - 1, time = z$time, x = z$x)
  for (j in seq_len(ncol(y))) frame[[paste0("y_", j)]] <- y[, j]
  resid[[key]] <<- frame
  v <- as.matrix(z$var)
  vars[[key]] <<- data.frame(key = key, row = rep(seq_len(nrow(v)) - 1, ncol(v)),
                             col = rep(seq_len(ncol(v)) - 1, each = nrow(v)), value = as.vector(v))
}
for (tm in c("efron", "breslow")) {
  right <- coxph(Surv(t2, d3) ~ z1 + z2 + group, data = bmt, ties = tm)
  for (tr in c("km", "rank", "identity", "log")) add(paste0("bmt_dfs_", tm, "_", tr), right, tr)
  add(paste0("bmt_dfs_", tm, "_columns"), right, "km", terms = FALSE)
  add(paste0("bmt_dfs_strata_", tm), coxph(Surv(t2, d3) ~ z1 + age_if_no_mtx + group + strata(z10),
                                           data = bmt, ties = tm))
  relapse <- coxph(Surv(tstart, tstop, relapse) ~ agvhd + platelet + group + z1, data = tdb, ties = tm)
  add(paste0("bmt_td_relapse_", tm, "_km"), relapse, "km")
  add(paste0("bmt_td_relapse_", tm, "_identity"), relapse, "identity")
  add(paste0("ebmt4_centre_", tm), coxph(Surv(tstart, tstop, relapse) ~ rec + ae + year + agecl,
                                         data = td4, ties = tm, weights = w, cluster = centre))
  weighted <- coxph(Surv(tstart, tstop, event) ~ age + arm + strata(stratum), data = ties,
                    ties = tm, weights = w)
  add(paste0("ties_", tm, "_km"), weighted, "km")
  add(paste0("ties_", tm, "_rank"), weighted, "rank")
}
write_full(do.call(rbind, tables), "fixtures/survival_cox_zph.csv")
fill <- function(frames) {
  columns <- unique(unlist(lapply(frames, names)))
  do.call(rbind, lapply(frames, function(f) { f[setdiff(columns, names(f))] <- NA; f[columns] }))
}
write_full(fill(resid), "fixtures/survival_cox_zph_residuals.csv")
write_full(do.call(rbind, vars), "fixtures/survival_cox_zph_var.csv")
