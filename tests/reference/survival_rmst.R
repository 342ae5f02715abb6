# Reference values for graftline.stats.rmst and restricted_mean_time_lost.
#
# R 4.2 with survival 3.5 and KMsurv (Debian packages); ebmt3 from
# fixtures/survival_ebmt3.csv. Run from tests/reference:  Rscript survival_rmst.R
# Writes fixtures/survival_rmst.csv with, per case and group:
#   rmean, se_rmean   summary(survfit(Surv(time, event) ~ group), rmean = tau)$table
#   and the survRM2-style contrasts (Uno et al., J Clin Oncol 2014;32:2380) computed
#   here from those by the published formulas (survRM2 is not installable here):
#   difference mu1 - mu0, SE sqrt(V1 + V0); log ratios with delta-method SEs.
# and fixtures/survival_rmtl.csv: per case, group and cause, the restricted mean
#   time in each state of the Aalen-Johansen estimate (time lost to that cause)
#   and its se, from summary(survfit(Surv(time, factor(status)) ~ group,
#   influence = TRUE), rmean = tau)$table.
options(digits = 17)
suppressPackageStartupMessages(library(survival))
data(bmt, package = "KMsurv")
ebmt3 <- read.csv("fixtures/survival_ebmt3.csv", stringsAsFactors = FALSE)
ebmt3$dissub <- factor(ebmt3$dissub, levels = c("ALL", "AML", "CML"))

rows <- list()
add <- function(case, tau, time, event, group) {
  fit <- if (is.null(group)) survfit(Surv(time, event) ~ 1) else survfit(Surv(time, event) ~ group)
  tab <- summary(fit, rmean = tau)$table
  if (is.null(dim(tab))) tab <- t(as.matrix(tab))
  labels <- if (is.null(group)) "all" else levels(factor(group))
  mu <- tab[, "rmean"]; se <- tab[, "se(rmean)"]
  frame <- data.frame(case = case, tau = tau, group = labels, measure = "rmst", estimate = mu, se = se,
                      lower = NA, upper = NA, p = NA)
  if (length(mu) > 1) {
    z <- qnorm(0.975)
    for (g in 2:length(mu)) {
      d <- mu[g] - mu[1]; sd <- sqrt(se[g]^2 + se[1]^2)
      lr <- log(mu[g] / mu[1]); sr <- sqrt(se[g]^2 / mu[g]^2 + se[1]^2 / mu[1]^2)
      l1 <- tau - mu[g]; l0 <- tau - mu[1]
      ll <- log(l1 / l0); sl <- sqrt(se[g]^2 / l1^2 + se[1]^2 / l0^2)
      frame <- rbind(frame, data.frame(
        case = case, tau = tau, group = labels[g], measure = c("rmst_difference", "rmst_ratio", "rmtl_ratio"),
        estimate = c(d, exp(lr), exp(ll)), se = NA,
        lower = c(d - z * sd, exp(lr - z * sr), exp(ll - z * sl)),
        upper = c(d + z * sd, exp(lr + z * sr), exp(ll + z * sl)),
        p = c(2 * pnorm(-abs(d / sd)), 2 * pnorm(-abs(lr / sr)), 2 * pnorm(-abs(ll / sl)))))
    }
  }
  rows[[case]] <<- frame
}
add("bmt_dfs_group_1000", 1000, bmt$t2, bmt$d3, bmt$group)
add("bmt_dfs_group_365", 365, bmt$t2, bmt$d3, bmt$group)
add("bmt_dfs_all_1500", 1500, bmt$t2, bmt$d3, NULL)
add("ebmt3_rfs_dissub_730", 730, ebmt3$rfstime, ebmt3$rfsstat, ebmt3$dissub)
# tau beyond the last follow-up of one group: survfit carries the curve forward.
add("bmt_dfs_group_2500", 2500, bmt$t2, bmt$d3, bmt$group)
out <- do.call(rbind, rows)
for (col in c("estimate", "se", "lower", "upper", "p")) out[[col]] <- ifelse(is.na(out[[col]]), NA,
                                                                              sprintf("%.17g", out[[col]]))
write.csv(out, "fixtures/survival_rmst.csv", row.names = FALSE)

# Restricted mean time lost per cause (Andersen, Stat Med 2013;32:5278).
bmt$status <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))  # relapse, death without relapse
lost <- list()
add_lost <- function(case, tau, time, status, group) {
  ftype <- factor(status, 0:2, c("censor", "cause1", "cause2"))
  fit <- if (is.null(group)) survfit(Surv(time, ftype) ~ 1, influence = TRUE) else
    survfit(Surv(time, ftype) ~ group, influence = TRUE)
  tab <- summary(fit, rmean = tau)$table
  lost[[case]] <<- data.frame(case = case, tau = tau, row = rownames(tab),
                              rmean = sprintf("%.17g", tab[, "rmean"]), se = sprintf("%.17g", tab[, "se(rmean)"]))
}
add_lost("bmt_all_1000", 1000, bmt$t2, bmt$status, NULL)
add_lost("bmt_group_730", 730, bmt$t2, bmt$status, bmt$group)
write.csv(do.call(rbind, lost), "fixtures/survival_rmtl.csv", row.names = FALSE)
