# Reference values for the statistics commands' categorical covariates with a
# chosen reference level (graftline cox / fine-gray -c COL --reference COL=LEVEL).
#
# R 4.2 with survival 3.5, cmprsk 2.2 and KMsurv from the Debian packages.
# Run from tests/reference:  Rscript cli_reference_levels.R
# Writes fixtures/cli_reference_levels.csv: one row per model and term with
# coef, se, p (Wald), exp(coef) and its 95 % limits.
#
# KMsurv::bmt (the 137 patients of fixtures/survival_bmt.csv): disease group
# coded 1 = ALL, 2 = AML low risk, 3 = AML high risk; z1 patient age.
options(digits = 17)
suppressPackageStartupMessages({
  library(survival)
  library(cmprsk)
})
data(bmt, package = "KMsurv")
rows <- list()
add <- function(model, terms, coef, se) {
  z <- qnorm(0.975)
  rows[[length(rows) + 1]] <<- data.frame(
    model = model, term = terms, coef = sprintf("%.17g", coef), se = sprintf("%.17g", se),
    p_value = sprintf("%.17g", 2 * pnorm(-abs(coef / se))), hr = sprintf("%.17g", exp(coef)),
    lower = sprintf("%.17g", exp(coef - z * se)), upper = sprintf("%.17g", exp(coef + z * se)))
}

# Cox: disease-free survival (t2, d3) ~ group (reference 2 = AML low risk) + age.
# graftline cox bmt.csv --time t2 --event d3 --covariates group,z1 -c group --reference group=2
bmt$group_f <- relevel(factor(bmt$group), ref = "2")
fit <- coxph(Surv(t2, d3) ~ group_f + z1, data = bmt, ties = "efron")
add("cox_group_ref2", c("group1", "group3", "z1"), coef(fit), sqrt(diag(vcov(fit))))

# The same group as text with reference "AML-low" (R: relevel(factor(.), "AML-low")).
bmt$disease <- factor(c("ALL", "AML-low", "AML-high")[bmt$group])
fit <- coxph(Surv(t2, d3) ~ relevel(disease, ref = "AML-low") + z1, data = bmt, ties = "efron")
add("cox_disease_ref_aml_low", c("diseaseALL", "diseaseAML-high", "z1"), coef(fit), sqrt(diag(vcov(fit))))

# Fine-Gray: relapse (d2) with death in remission competing, time t2,
# ~ group (reference 3 = AML high risk) + age.
# graftline fine-gray bmt.csv --time t2 --event status --covariates group,z1 -c group --reference group=3
status <- ifelse(bmt$d2 == 1, 1, ifelse(bmt$d1 == 1, 2, 0))
x <- model.matrix(~ relevel(factor(group), ref = "3") + z1, data = bmt)[, -1]
fit <- crr(bmt$t2, status, x, failcode = 1, cencode = 0)
add("fine_gray_group_ref3", c("group1", "group2", "z1"), fit$coef, sqrt(diag(fit$var)))

# The model the issue found the command fitting by mistake: group as one number.
x <- model.matrix(~ group + z1, data = bmt)[, -1]
fit <- crr(bmt$t2, status, x, failcode = 1, cencode = 0)
add("fine_gray_group_numeric", c("group", "z1"), fit$coef, sqrt(diag(fit$var)))

write.csv(do.call(rbind, rows), "fixtures/cli_reference_levels.csv", row.names = FALSE, quote = TRUE)
