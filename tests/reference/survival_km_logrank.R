# Reference values for graftline.stats.kaplan_meier and logrank_test.
#
# R 4.2 with survival 3.5 and KMsurv from the Debian packages; mstate's EBMT
# data come from fixtures/survival_ebmt3.csv (see survival_export_ebmt.py).
# Run from tests/reference:  Rscript survival_km_logrank.R
# Writes fixtures/survival_km_*.csv, survival_km_cases.csv (the synthetic
# data sets); survdiff results in survival_km_logrank.csv.
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(KMsurv)
})
stopifnot(packageVersion("survival") >= "3.2")
# write.csv keeps only 15 significant digits; write every double with 17.
write_full <- function(frame, path) {
  for (col in names(frame)) if (is.double(frame[[col]]))
    frame[[col]] <- ifelse(is.na(frame[[col]]), NA, sprintf("%.17g", frame[[col]]))
  write.csv(frame, path, row.names = FALSE)
}

data(bmt, package = "KMsurv")
write.csv(bmt, "fixtures/survival_bmt.csv", row.names = FALSE)
ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
# Explicit levels so the result does not depend on the locale's collation.
ebmt3$age <- factor(ebmt3$age, levels = c("<=20", "20-40", ">40"))
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))

# Synthetic data: integer days 1..15 give heavy ties; group "c" in `noevent`
# never has an event; `single` and `censored` are degenerate cases.
set.seed(20261123)
ties <- data.frame(time = sample(1:15, 300, replace = TRUE),
                   event = rbinom(300, 1, 0.6),
                   group = sample(c("a", "b", "c"), 300, replace = TRUE),
                   stratum = sample(c("s1", "s2"), 300, replace = TRUE))
noevent <- ties[1:90, ]
noevent$event[noevent$group == "c"] <- 0
single <- data.frame(time = 5, event = 1, group = "a", stratum = "s1")
censored <- data.frame(time = c(3, 7, 7, 12), event = 0, group = "a", stratum = "s1")
cases <- rbind(cbind(case = "ties", ties), cbind(case = "noevent", noevent),
               cbind(case = "single", single), cbind(case = "censored", censored))
write.csv(cases, "fixtures/survival_km_cases.csv", row.names = FALSE)

datasets <- list(
  bmt_dfs = data.frame(time = bmt$t2, event = bmt$d3, group = as.character(bmt$group)),
  bmt_platelet = data.frame(time = bmt$tp, event = bmt$dp, group = as.character(bmt$group)),
  ebmt3_rfs = data.frame(time = ebmt3$rfstime, event = ebmt3$rfsstat, group = ebmt3$dissub,
                         stratum = ebmt3$age),
  ebmt3_platelet = data.frame(time = ebmt3$prtime, event = ebmt3$prstat, group = ebmt3$tcd),
  ties = ties, noevent = noevent, single = single, censored = censored
)

km_rows <- list(); at_rows <- list(); median_rows <- list()
at_times <- c(0, 1, 5, 10, 30, 100, 365, 1000)
for (name in names(datasets)) {
  d <- datasets[[name]]
  for (grouped in c(FALSE, TRUE)) {
    if (grouped && !("group" %in% names(d))) next
    for (ct in c("log", "log-log", "plain")) {
      fit <- if (grouped) survfit(Surv(time, event) ~ group, data = d, conf.type = ct)
             else survfit(Surv(time, event) ~ 1, data = d, conf.type = ct)
      # A one-level group gives no strata in R; label its rows with that level.
      label <- function(s) if (is.null(s)) (if (grouped) unique(as.character(d$group)) else "all")
                           else sub("^group=", "", as.character(s))
      s <- summary(fit)
      if (length(s$time) > 0) {
        km_rows[[length(km_rows) + 1]] <- data.frame(
          case = name, grouped = grouped, conf_type = ct,
          group = label(s$strata),
          time = s$time, n_risk = s$n.risk, n_event = s$n.event, survival = s$surv,
          std_err = s$std.err, lower = s$lower, upper = s$upper)
      }
      sa <- summary(fit, times = at_times[at_times <= max(d$time)])
      at_rows[[length(at_rows) + 1]] <- data.frame(
        case = name, grouped = grouped, conf_type = ct,
        group = label(sa$strata),
        time = sa$time, n_risk = sa$n.risk, n_event = sa$n.event, survival = sa$surv,
        std_err = sa$std.err, lower = sa$lower, upper = sa$upper)
      tab <- summary(fit)$table
      if (is.null(dim(tab))) tab <- matrix(tab, nrow = 1, dimnames = list("all", names(tab)))
      median_rows[[length(median_rows) + 1]] <- data.frame(
        case = name, grouped = grouped, conf_type = ct,
        group = if (nrow(tab) > 1) sub("^group=", "", rownames(tab)) else label(NULL),
        median = tab[, "median"], lcl = tab[, "0.95LCL"], ucl = tab[, "0.95UCL"])
    }
  }
}
write_full(do.call(rbind, km_rows), "fixtures/survival_km_summary.csv")
write_full(do.call(rbind, at_rows), "fixtures/survival_km_at.csv")
write_full(do.call(rbind, median_rows), "fixtures/survival_km_median.csv")

logrank <- list()
add_test <- function(key, case, formula, d, rho, strata) {
  fit <- survdiff(formula, data = d, rho = rho)
  obs <- if (is.matrix(fit$obs)) rowSums(fit$obs) else fit$obs
  expct <- if (is.matrix(fit$exp)) rowSums(fit$exp) else fit$exp
  logrank[[key]] <<- data.frame(
    key = key, case = case, rho = rho, strata = strata,
    statistic = fit$chisq, df = sum(expct > 0) - 1, p_value = fit$pvalue,
    group = sub("^group=", "", names(fit$n)), observed = unname(obs),
    expected = unname(expct))
}
for (rho in c(0, 1, 0.5)) {
  add_test(paste0("bmt_dfs_rho", rho), "bmt_dfs", Surv(time, event) ~ group, datasets$bmt_dfs, rho, FALSE)
  add_test(paste0("ties_rho", rho), "ties", Surv(time, event) ~ group, ties, rho, FALSE)
  add_test(paste0("ties_strata_rho", rho), "ties", Surv(time, event) ~ group + strata(stratum), ties, rho, TRUE)
}
add_test("bmt_platelet", "bmt_platelet", Surv(time, event) ~ group, datasets$bmt_platelet, 0, FALSE)
add_test("ebmt3_rfs_strata_age", "ebmt3_rfs", Surv(time, event) ~ group + strata(stratum), datasets$ebmt3_rfs, 0, TRUE)
add_test("ebmt3_rfs", "ebmt3_rfs", Surv(time, event) ~ group, datasets$ebmt3_rfs, 0, FALSE)
add_test("noevent", "noevent", Surv(time, event) ~ group, noevent, 0, FALSE)
write_full(do.call(rbind, logrank), "fixtures/survival_km_logrank.csv")
