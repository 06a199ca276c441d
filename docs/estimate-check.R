# The same estimates as `spotcheck estimate`, computed by R's survey package (Lumley).
# Usage: Rscript docs/estimate-check.R fixtures/eval-results.csv
# Prints, per measure and domain: estimate, SE, the 95% t interval (df = degf(design)) and the
# Korn–Graubard interval (svyciprop, method = "beta").
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust", digits = 15)
args <- commandArgs(trailingOnly = TRUE)
frame <- read.csv(args[1], encoding = "UTF-8", colClasses = c(county_code = "character"), na.strings = "", check.names = FALSE)
design <- svydesign(ids = ~county_code, strata = ~county_stratum, weights = ~weight, data = frame)
for (measure in c("识别准确", "满意")) {
  # As `spotcheck estimate` does: every non-blank answer is 是 (yes) or 否 (no), never a silent no.
  unexpected <- setdiff(unique(na.omit(frame[[measure]])), c("是", "否"))
  if (length(unexpected) > 0) stop(sprintf("%s: answers neither 是 nor 否: %s", measure, paste(unexpected, collapse = ", ")))
  frame$y <- ifelse(is.na(frame[[measure]]), NA, as.numeric(frame[[measure]] == "是"))
  d <- update(design, y = frame$y)
  overall <- svymean(~y, d, na.rm = TRUE)
  by_status <- svyby(~y, ~household_stratum, d, svymean, na.rm = TRUE)
  # The 95% interval spotcheck prints by default: t with the design's degrees of freedom; and
  # --interval korn-graubard's: svyciprop(method = "beta").
  ci <- confint(overall, df = degf(design))
  kg <- confint(svyciprop(~y, d, method = "beta", na.rm = TRUE))
  cat(sprintf("%s all %.12f %.12f %.12f %.12f %.12f %.12f\n", measure, coef(overall), SE(overall), ci[1], ci[2], kg[1], kg[2]))
  ci_by <- confint(by_status, df = degf(design))
  kg_by <- svyby(~y, ~household_stratum, d, svyciprop, method = "beta", na.rm = TRUE, vartype = "ci")
  for (i in seq_len(nrow(by_status))) {
    cat(sprintf("%s %s %.12f %.12f %.12f %.12f %.12f %.12f\n", measure, by_status$household_stratum[i], by_status$y[i],
                by_status$se[i], ci_by[i, 1], ci_by[i, 2], kg_by$ci_l[i], kg_by$ci_u[i]))
  }
}
