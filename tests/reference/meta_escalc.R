# Reference effect sizes for graftline.meta.effect_sizes, from metafor::escalc
# with its default settings (add = 1/2, to = "only0", vtype = "LS").
# Run from tests/reference:  Rscript meta_escalc.R
# Writes fixtures/meta_escalc.json (jsonlite writes 15 significant digits): one entry per (dataset, measure) with the
# input columns and escalc's yi, vi.
options(digits = 17)
suppressPackageStartupMessages(library(metafor))
library(jsonlite)

out <- list(metafor_version = as.character(packageVersion("metafor")),
            r_version = R.version.string, cases = list())
add_case <- function(name, measure, inputs, es) {
  out$cases[[length(out$cases) + 1]] <<- list(
    name = name, measure = measure, inputs = inputs,
    yi = as.numeric(es$yi), vi = as.numeric(es$vi))
}

# dat.normand1999: length of hospital stay (days), specialist vs routine care.
d <- dat.normand1999
two_means <- list(n1 = d$n1i, mean1 = d$m1i, sd1 = d$sd1i, n2 = d$n2i, mean2 = d$m2i, sd2 = d$sd2i)
for (m in c("MD", "SMD", "ROM")) {
  es <- escalc(measure = m, m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i, data = d)
  add_case("normand1999", m, two_means, es)
}
# Single-arm means: the specialist-care arm.
for (m in c("MN", "MNLN")) {
  es <- escalc(measure = m, mi = m1i, sdi = sd1i, ni = n1i, data = d)
  add_case("normand1999_arm1", m, list(n = d$n1i, mean = d$m1i, sd = d$sd1i), es)
}

# dat.pritz1997: proportions (study 5 has 10/10 events, so PR and PLO get the
# 1/2 correction; PAS and PFT never do).
d <- dat.pritz1997
for (m in c("PR", "PLO", "PFT", "PAS")) {
  es <- escalc(measure = m, xi = xi, ni = ni, data = d)
  add_case("pritz1997", m, list(events = d$xi, n = d$ni), es)
}

# dat.bcg: 2x2 tables.
d <- dat.bcg
two_props <- list(events1 = d$tpos, n1 = d$tpos + d$tneg, events2 = d$cpos, n2 = d$cpos + d$cneg)
for (m in c("RR", "OR", "RD")) {
  es <- escalc(measure = m, ai = tpos, bi = tneg, ci = cpos, di = cneg, data = d)
  add_case("bcg", m, two_props, es)
}

# dat.yusuf1985 table 6: several zero cells, including double-zero studies
# (escalc keeps them, drop00 = FALSE, and adds 1/2 to all four cells).
d <- dat.yusuf1985[!is.na(dat.yusuf1985$table) & dat.yusuf1985$table == "6", ]
d <- d[complete.cases(d[, c("ai", "n1i", "ci", "n2i")]), ]
for (m in c("RR", "OR", "RD")) {
  es <- escalc(measure = m, ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
  add_case("yusuf1985_table6", m, list(events1 = d$ai, n1 = d$n1i, events2 = d$ci, n2 = d$n2i), es)
}

# dat.hine1989: risk differences (mortality, lidocaine vs control).
d <- dat.hine1989
es <- escalc(measure = "RD", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = d)
add_case("hine1989", "RD", list(events1 = d$ai, n1 = d$n1i, events2 = d$ci, n2 = d$n2i), es)

write_json(out, "fixtures/meta_escalc.json", digits = NA, auto_unbox = TRUE, pretty = TRUE)
