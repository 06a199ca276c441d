# The same estimates as `spotcheck estimate`, computed by R's survey package (Lumley).
# Usage: Rscript docs/estimate-check.R FRAME.csv [off]
# The design is spotcheck's default: a county drawn with certainty (county_probability = 1) is its own
# stratum with its villages as the PSUs; with `off` (spotcheck's --certainty-strata off), counties are
# the PSUs of their county strata. Prints a line "design: strata PSUs df", then, per measure and
# domain (all, then by household_stratum): estimate, SE, the 95% t interval (df = degf(design)), the
# Korn–Graubard interval (svyciprop, method = "beta"), the design effect (svymean, deff = TRUE), then
# the total (svytotal), its SE, its 95% t interval and its design effect (svytotal, deff = TRUE).
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust", digits = 15)
args <- commandArgs(trailingOnly = TRUE)
frame <- read.csv(args[1], encoding = "UTF-8", na.strings = "", check.names = FALSE,
                  colClasses = c(county_code = "character", village_key = "character", household_id = "character"))
if (length(args) < 2 || args[2] != "off") {
  # Certainty counties as their own strata, their villages as the PSUs.
  certain <- frame$county_probability == 1
  frame$variance_stratum <- ifelse(certain, paste(frame$county_stratum, frame$county_code), frame$county_stratum)
  frame$variance_psu <- ifelse(certain, frame$village_key, frame$county_code)
} else {
  frame$variance_stratum <- frame$county_stratum
  frame$variance_psu <- frame$county_code
}
design <- svydesign(ids = ~variance_psu, strata = ~variance_stratum, weights = ~weight, data = frame, nest = TRUE)
df <- degf(design)
cat(sprintf("design: %d %d %d\n", length(unique(frame$variance_stratum)),
            nrow(unique(frame[c("variance_stratum", "variance_psu")])), df))
for (measure in c("识别准确", "满意")) {
  # As `spotcheck estimate` does: every non-blank answer is 是 (yes) or 否 (no), never a silent no.
  unexpected <- setdiff(unique(na.omit(frame[[measure]])), c("是", "否"))
  if (length(unexpected) > 0) stop(sprintf("%s: answers neither 是 nor 否: %s", measure, paste(unexpected, collapse = ", ")))
  frame$y <- ifelse(is.na(frame[[measure]]), NA, as.numeric(frame[[measure]] == "是"))
  d <- update(design, y = frame$y)
  # The 95% interval spotcheck prints by default: t with the design's degrees of freedom; and
  # --interval korn-graubard's: svyciprop(method = "beta"). Totals get the t interval.
  overall <- svymean(~y, d, na.rm = TRUE, deff = TRUE)
  total <- svytotal(~y, d, na.rm = TRUE, deff = TRUE)
  ci <- confint(overall, df = df)
  kg <- confint(svyciprop(~y, d, method = "beta", na.rm = TRUE))
  ci_total <- confint(total, df = df)
  cat(sprintf("%s all %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f\n", measure,
              coef(overall), SE(overall), ci[1], ci[2], kg[1], kg[2], deff(overall),
              coef(total), SE(total), ci_total[1], ci_total[2], deff(total)))
  by_status <- svyby(~y, ~household_stratum, d, svymean, na.rm = TRUE, deff = TRUE)
  ci_by <- confint(by_status, df = df)
  kg_by <- svyby(~y, ~household_stratum, d, svyciprop, method = "beta", na.rm = TRUE, vartype = "ci")
  total_by <- svyby(~y, ~household_stratum, d, svytotal, na.rm = TRUE, deff = TRUE)
  ci_total_by <- confint(total_by, df = df)
  for (i in seq_len(nrow(by_status))) {
    cat(sprintf("%s %s %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f\n", measure,
                by_status$household_stratum[i], by_status$y[i], by_status$se[i], ci_by[i, 1], ci_by[i, 2],
                kg_by$ci_l[i], kg_by$ci_u[i], deff(by_status)[i],
                total_by$y[i], total_by$se[i], ci_total_by[i, 1], ci_total_by[i, 2], deff(total_by)[i]))
  }
}
