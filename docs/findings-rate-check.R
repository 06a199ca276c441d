# The problem rate of `spotcheck findings` in R (issue 18): Rscript docs/findings-rate-check.R FILE.csv
# FILE.csv: one row per sampled household with stratum, psu, weight and y (1 有问题, 0 无问题, NA non-response).
# Prints the estimate, SE, 95% t interval (confint with df = degf(design)), the design df, and the
# Korn–Graubard interval of --interval korn-graubard (svyciprop, method = "beta").
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
d <- read.csv(commandArgs(TRUE)[1], colClasses = c("character", "character", "numeric", "numeric"))
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
reached <- subset(des, !is.na(y))
m <- svymean(~y, reached)
ci <- confint(m, df = degf(des))
# As `estimate --interval korn-graubard`: on the whole design, non-response removed by na.rm.
kg <- confint(svyciprop(~y, des, method = "beta", na.rm = TRUE))
cat(sprintf("%.17g", c(coef(m), SE(m), ci[1], ci[2], degf(des), kg[1], kg[2])), "\n")
