# Reference values for graftline.report.table1 (Table 1 tests between arms).
# R 4.2, stats package. Run: Rscript report_table1.R (writes fixtures/report_table1.json)
options(digits = 17)
d <- read.csv("fixtures/report_table1_patients.csv", stringsAsFactors = FALSE)
num <- function(x) format(x, digits = 17)
out <- list()
kw <- kruskal.test(age ~ factor(arm), data = d)
out$age <- list(statistic = unname(kw$statistic), df = unname(kw$parameter), p_value = kw$p.value)
q <- tapply(d$age, d$arm, function(x) quantile(x, c(.25, .5, .75), na.rm = TRUE, type = 7))
out$age_quartiles <- lapply(q, unname)
cs <- suppressWarnings(chisq.test(table(d$arm, d$disease_risk)))
out$disease_risk <- list(statistic = unname(cs$statistic), df = unname(cs$parameter), p_value = cs$p.value)
cs <- suppressWarnings(chisq.test(table(d$arm, d$sex)))
out$sex <- list(statistic = unname(cs$statistic), df = unname(cs$parameter), p_value = cs$p.value)
two <- d[d$arm != "allo", ]
# 2x2 with Yates correction (R default) and Fisher exact on the same table
cs <- suppressWarnings(chisq.test(table(two$arm, two$sex)))
out$sex_two_arms <- list(statistic = unname(cs$statistic), df = unname(cs$parameter), p_value = cs$p.value)
# hand-made 2x2 table (rows arm a, b; columns female, male) with small counts
small <- matrix(c(7, 1, 2, 6), 2, byrow = TRUE)
out$sex_fisher_small <- list(p_value = fisher.test(small)$p.value, table = as.vector(t(small)))
# exact r x c Fisher (network algorithm) for the sparse diagnosis table: the
# Monte-Carlo p-value of graftline must lie within its simulation error of it.
out$diagnosis_exact <- list(p_value = fisher.test(table(d$arm, d$diagnosis))$p.value)
writeLines(jsonlite_free <- paste0("{", paste(sapply(names(out), function(k) {
  v <- out[[k]]
  paste0('"', k, '": {', paste(sapply(names(v), function(j) {
    x <- v[[j]]
    paste0('"', j, '": ', if (length(x) > 1) paste0("[", paste(num(x), collapse = ", "), "]") else num(x))
  }), collapse = ", "), "}")
}), collapse = ",\n"), "}"), "fixtures/report_table1.json")
