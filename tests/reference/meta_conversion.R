# Reference values for graftline.meta.estimate_mean_sd (median/IQR/range ->
# mean/SD).
# Run from tests/reference:  Rscript meta_conversion.R
#
# The installed metafor (3.8-1, Debian r-cran-metafor) has no conv.fivenum
# (added in metafor 4.0), so this script is a second, independent
# implementation written from the papers' formulas, in R, with R's qnorm; it is
# what metafor 4.x conv.fivenum(dist = "norm", test = FALSE) computes:
#   mean: Luo et al. (2018) eqs (7), (11), (15)  [method "luo-wan"]
#         Wan et al. (2014) eqs (2), (10), (14)  [method "wan"]
#   SD:   Wan et al. (2014) eq (9)  (range), eq (16) (IQR), eq (12) (both, "wan")
#         Shi et al. (2020) eq (10) (all five numbers, "luo-wan")
#   xi(n) = 2 qnorm((n - 0.375) / (n + 0.25)), eta(n) = 2 qnorm((0.75 n - 0.125) / (n + 0.25))
# plus the skewness test of Shi et al. (2023) used by conv.fivenum (test = TRUE).
# Also writes Wan et al. (2014) Table 1 xi(n) (= expected range of n standard
# normals) computed by numerical integration, for the exact small-sample option.
options(digits = 17)
library(jsonlite)

xi  <- function(n) 2 * qnorm((n - 0.375) / (n + 0.25))
eta <- function(n) 2 * qnorm((0.75 * n - 0.125) / (n + 0.25))

cases <- expand.grid(n = c(5, 12, 30, 75, 400), scenario = c("S1", "S2", "S3"),
                     stringsAsFactors = FALSE)
# Five-number summaries: engraftment days, mildly right-skewed.
fivenum <- list(min = 9, q1 = 12, median = 14, q3 = 17, max = 28)
rows <- list()
for (i in seq_len(nrow(cases))) {
  n <- cases$n[i]; s <- cases$scenario[i]
  a <- fivenum$min; q1 <- fivenum$q1; m <- fivenum$median; q3 <- fivenum$q3; b <- fivenum$max
  if (s == "S1") {  # min, median, max
    w <- 4 / (4 + n^0.75)
    mean_luo <- w * (a + b) / 2 + (1 - w) * m
    mean_wan <- (a + 2 * m + b) / 4
    sd_luo_wan <- (b - a) / xi(n)
    sd_wan <- sd_luo_wan
    tval <- abs((a + b - 2 * m) / (b - a)); crit <- 1 / log(n + 9) + 2.5 / (n + 1)
    inp <- list(n = n, median = m, minimum = a, maximum = b)
  } else if (s == "S3") {  # q1, median, q3
    w <- 0.7 + 0.39 / n
    mean_luo <- w * (q1 + q3) / 2 + (1 - w) * m
    mean_wan <- (q1 + m + q3) / 3
    sd_luo_wan <- (q3 - q1) / eta(n)
    sd_wan <- sd_luo_wan
    tval <- abs((q1 + q3 - 2 * m) / (q3 - q1)); crit <- 2.65 / sqrt(n) - 6 / n^2
    inp <- list(n = n, median = m, q1 = q1, q3 = q3)
  } else {  # S2: all five
    w1 <- 2.2 / (2.2 + n^0.75); w2 <- 0.7 - 0.72 / n^0.55
    mean_luo <- w1 * (a + b) / 2 + w2 * (q1 + q3) / 2 + (1 - w1 - w2) * m
    mean_wan <- (a + 2 * q1 + 2 * m + 2 * q3 + b) / 8
    ws <- 1 / (1 + 0.07 * n^0.6)
    sd_luo_wan <- ws * (b - a) / xi(n) + (1 - ws) * (q3 - q1) / eta(n)
    sd_wan <- ((b - a) / xi(n) + (q3 - q1) / eta(n)) / 2
    tval <- max(2.65 * log(0.6 * n) / sqrt(n) * abs((a + b - 2 * m) / (b - a)),
                abs((q1 + q3 - 2 * m) / (q3 - q1)))
    crit <- 3 / sqrt(n) - 40 / n^3
    inp <- list(n = n, median = m, q1 = q1, q3 = q3, minimum = a, maximum = b)
  }
  rows[[i]] <- list(scenario = s, inputs = inp, mean_luo_wan = mean_luo, sd_luo_wan = sd_luo_wan,
                    mean_wan = mean_wan, sd_wan = sd_wan, skew_statistic = tval, skew_critical = crit)
}

expected_range <- function(n) {
  if (n == 1) return(0)
  f <- function(z) z * n * dnorm(z) * pnorm(z)^(n - 1)
  2 * integrate(f, -Inf, Inf, rel.tol = 1e-12)$value
}
table1 <- sapply(1:50, expected_range)

write_json(list(r_version = R.version.string, cases = rows, wan2014_table1_xi = table1,
                xi_blom = sapply(5:60, xi), eta_blom = sapply(5:60, eta)),
           "fixtures/meta_conversion.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
