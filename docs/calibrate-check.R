# The post-stratified estimates of `spotcheck estimate --population`, computed by R's survey package (Lumley).
# Usage: Rscript docs/calibrate-check.R FRAME.csv POPULATION.csv POST_STRATA BY MEASURE...
#   POPULATION.csv: the post-stratum column(s) and one count column (as spotcheck reads it);
#   POST_STRATA: the post-stratum column(s), comma-separated (e.g. household_stratum or
#   county_stratum,household_stratum); BY: the domains' column (e.g. household_stratum); MEASURE: a
#   result column whose yes answer is 是 (no: 否).
# Or, raking (`spotcheck estimate --rake`), as R's rake() with control = list(maxit = 100, epsilon = 1e-9):
#        Rscript docs/calibrate-check.R FRAME.csv --rake COLUMN[,COLUMN…]=POPULATION.csv[;…] BY MEASURE...
# Either takes `--certainty-strata off` (anywhere) for spotcheck's --certainty-strata off.
# The variance design is spotcheck's default, as in docs/estimate-check.R: a county drawn with
# certainty (county_probability = 1) is its own stratum with its villages (village_key) as the PSUs;
# with `--certainty-strata off`, counties are the PSUs of their county strata.
# Prints the calibrated weight of every household ("weight ID W"), the calibrated weights' sum per
# post-stratum ("poststratum CELLS SUM"), and per measure, overall and per domain: estimate, SE, the
# 95% t interval (df = degf(design)), the Korn–Graubard interval (svyciprop, method = "beta"), the
# total (svytotal on the calibrated design) and its SE.
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust", digits = 15)
args <- commandArgs(trailingOnly = TRUE)
# `--certainty-strata on|off`, anywhere among the arguments (on by default, as spotcheck).
certainty_strata <- TRUE
at <- match("--certainty-strata", args)
if (!is.na(at)) {
  stopifnot(args[at + 1] %in% c("on", "off"))
  certainty_strata <- args[at + 1] == "on"
  args <- args[-c(at, at + 1)]
}
raking <- args[2] == "--rake"
margins <- if (raking) lapply(strsplit(strsplit(args[3], ";", fixed = TRUE)[[1]], "=", fixed = TRUE),
                              function(margin) list(columns = strsplit(margin[1], ",", fixed = TRUE)[[1]], file = margin[2])) else
  list(list(columns = strsplit(args[3], ",", fixed = TRUE)[[1]], file = args[2]))
post_strata <- unique(unlist(lapply(margins, function(margin) margin$columns)))
by <- args[4]
measures <- args[-(1:4)]
text_columns <- setNames(rep("character", 4 + length(post_strata)),
                         c("county_code", "village_key", "household_id", by, post_strata))
text_columns <- text_columns[!duplicated(names(text_columns))]
frame <- read.csv(args[1], encoding = "UTF-8", colClasses = text_columns, na.strings = "", check.names = FALSE)
# A table of known counts: the margin's (post-stratum's) columns and one count column.
read_population <- function(file, columns) {
  population <- read.csv(file, encoding = "UTF-8", colClasses = setNames(rep("character", length(columns)), columns),
                         check.names = FALSE)
  count_column <- setdiff(names(population), columns)
  stopifnot(length(count_column) == 1)
  population[[count_column]] <- as.numeric(population[[count_column]])
  population
}
formula_of <- function(columns) as.formula(paste("~", paste(columns, collapse = " + ")))
if (certainty_strata) {
  # Certainty counties as their own strata, their villages as the PSUs (docs/estimate-check.R).
  certain <- frame$county_probability == 1
  frame$variance_stratum <- ifelse(certain, paste(frame$county_stratum, frame$county_code), frame$county_stratum)
  frame$variance_psu <- ifelse(certain, frame$village_key, frame$county_code)
} else {
  frame$variance_stratum <- frame$county_stratum
  frame$variance_psu <- frame$county_code
}
design <- svydesign(ids = ~variance_psu, strata = ~variance_stratum, weights = ~weight, data = frame, nest = TRUE)
# The post-stratification: R's postStratify with the population table as a data frame of counts;
# or raking to each margin's table.
calibrated <- if (raking) {
  rake(design, lapply(margins, function(margin) formula_of(margin$columns)),
       lapply(margins, function(margin) read_population(margin$file, margin$columns)),
       control = list(maxit = 100, epsilon = 1e-9))
} else postStratify(design, formula_of(post_strata), read_population(margins[[1]]$file, post_strata))
w <- weights(calibrated)
for (i in seq_along(w)) cat(sprintf("weight %s %.15g\n", frame$household_id[i], w[i]))
cells <- do.call(paste, c(frame[post_strata], sep = "|"))
sums <- tapply(w, cells, sum)
for (cell in names(sums)) cat(sprintf("poststratum %s %.12f\n", cell, sums[[cell]]))
for (measure in measures) {
  unexpected <- setdiff(unique(na.omit(frame[[measure]])), c("是", "否"))
  if (length(unexpected) > 0) stop(sprintf("%s: answers neither 是 nor 否: %s", measure, paste(unexpected, collapse = ", ")))
  y <- ifelse(is.na(frame[[measure]]), NA, as.numeric(frame[[measure]] == "是"))
  d <- update(calibrated, y = y)
  overall <- svymean(~y, d, na.rm = TRUE)
  ci <- confint(overall, df = degf(design))
  kg <- confint(svyciprop(~y, d, method = "beta", na.rm = TRUE))
  total <- svytotal(~y, d, na.rm = TRUE)
  cat(sprintf("%s all %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f\n", measure, coef(overall), SE(overall),
              ci[1], ci[2], kg[1], kg[2], coef(total), SE(total)))
  domains <- as.formula(paste("~", by))
  by_status <- svyby(~y, domains, d, svymean, na.rm = TRUE)
  ci_by <- confint(by_status, df = degf(design))
  total_by <- svyby(~y, domains, d, svytotal, na.rm = TRUE)
  for (i in seq_len(nrow(by_status))) {
    status <- by_status[[by]][i]
    # The Korn–Graubard interval of the domain: svyciprop's formula with the domain's rows and the
    # domain's degf (its PSUs less their strata), as svyby(…, svyciprop) gives for a design that is not
    # calibrated (R's nrow() of a subset of a calibrated design is the whole frame's: docs/evaluation.md §12).
    rows <- sum(frame[[by]] == status)
    domain_df <- degf(design[frame[[by]] == status, ])
    p <- by_status$y[i]
    n_eff <- p * (1 - p) / by_status$se[i]^2 * (qt(0.025, rows - 1) / qt(0.025, domain_df))^2
    cat(sprintf("%s %s %.12f %.12f %.12f %.12f %.12f %.12f %.12f %.12f\n", measure, status, p, by_status$se[i],
                ci_by[i, 1], ci_by[i, 2], qbeta(0.025, n_eff * p, n_eff * (1 - p) + 1),
                qbeta(0.975, n_eff * p + 1, n_eff * (1 - p)), total_by$y[i], total_by$se[i]))
  }
}
