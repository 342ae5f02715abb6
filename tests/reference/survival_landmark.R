# Reference values for graftline.stats.landmark on KMsurv bmt.
#
# R 4.2 with survival 3.5, cmprsk 2.2 and KMsurv (Debian packages).
# Run from tests/reference:  Rscript survival_landmark.R
# At landmarks 90 and 180 days: the patients with t2 > L (event-free and
# uncensored at L), time from L, acute GVHD (ta, da) and platelet recovery
# (tp, dp) frozen at their status on day L. Writes
# fixtures/survival_landmark.csv: per landmark and quantity, the R value:
#   n, events; coxph coefficients and SEs of disease-free survival on
#   agvhd + platelet + group (Efron) and of relapse (cause-specific);
#   survfit(Surv(time, dfs) ~ agvhd) survival at 100 and 365 days after L;
#   cuminc(time, relapse/NRM, agvhd) relapse incidence at 100 and 365 days.
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})
data(bmt, package = "KMsurv")
bmt$group <- factor(bmt$group)
bmt$status <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))  # relapse, death without relapse
rows <- list()
add <- function(landmark, quantity, value) {
  rows[[length(rows) + 1]] <<- data.frame(landmark = landmark, quantity = quantity, value = value)
}
for (L in c(90, 180)) {
  d <- bmt[bmt$t2 > L, ]
  d$time <- d$t2 - L
  d$agvhd <- as.integer(d$da == 1 & d$ta <= L)
  d$platelet <- as.integer(d$dp == 1 & d$tp <= L)
  add(L, "n", nrow(d))
  add(L, "dfs_events", sum(d$d3))
  dfs <- coxph(Surv(time, d3) ~ agvhd + platelet + group, data = d)
  for (term in names(coef(dfs))) {
    add(L, paste0("dfs_coef_", term), coef(dfs)[[term]])
    add(L, paste0("dfs_se_", term), sqrt(diag(dfs$var))[match(term, names(coef(dfs)))])
  }
  relapse <- coxph(Surv(time, status == 1) ~ agvhd + platelet + group, data = d)
  for (term in names(coef(relapse))) add(L, paste0("relapse_coef_", term), coef(relapse)[[term]])
  km <- summary(survfit(Surv(time, d3) ~ agvhd, data = d), times = c(100, 365))
  for (i in seq_along(km$time))
    add(L, sprintf("dfs_km_%s_%g", sub("agvhd=", "", km$strata[i]), km$time[i]), km$surv[i])
  ci <- timepoints(cuminc(d$time, d$status, d$agvhd), c(100, 365))$est
  for (g in rownames(ci)) for (j in seq_len(ncol(ci)))
    add(L, sprintf("cif_%s_%g", gsub(" ", "_", g), c(100, 365)[j]), ci[g, j])
}
out <- do.call(rbind, rows)
out$value <- sprintf("%.17g", out$value)
write.csv(out, "fixtures/survival_landmark.csv", row.names = FALSE)
