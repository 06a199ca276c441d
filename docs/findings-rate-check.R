# The problem rate of `spotcheck findings` in R (issue 18): Rscript docs/findings-rate-check.R FILE.csv
# FILE.csv: one row per sampled household with stratum, psu, weight and y (1 有问题, 0 无问题, NA non-response).
# Prints the estimate, SE, 95% t interval (confint with df = degf(design)) and the design df.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
d <- read.csv(commandArgs(TRUE)[1], colClasses = c("character", "character", "numeric", "numeric"))
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
m <- svymean(~y, subset(des, !is.na(y)))
ci <- confint(m, df = degf(des))
cat(sprintf("%.17g", c(coef(m), SE(m), ci[1], ci[2], degf(des))), "\n")
