# `spotcheck estimate` on a frame with the fieldwork on the record (outcome, replaces), done in R as
# a user would: substitutes take the place and weight of the household they replaced, ineligible
# households leave, respondents are reweighted within weighting classes (village × status,
# household_stratum_key; a class with no respondent merged within county × status, then status),
# then svymean on the adjusted weights, taken as fixed.
# Usage: Rscript docs/fieldwork-check.R fixtures/eval-fieldwork.csv [off]
# The variance design is spotcheck's default, as in docs/estimate-check.R: a county drawn with
# certainty (county_probability = 1) is its own stratum with its villages as the PSUs; with `off`
# (spotcheck's --certainty-strata off), counties are the PSUs of their county strata. The design's
# rows are the places: the sampled households less the ineligible ones, a substitute's answers in
# the place it took (same village and status, hence the same stratum, PSU and weight).
# Prints RR1 (AAPOR) of the original sample, a line "design strata PSUs df" (df = degf(design) over
# the places), then per measure and domain: estimate and SE.
suppressPackageStartupMessages(library(survey))
options(survey.lonely.psu = "adjust", digits = 15)
args <- commandArgs(trailingOnly = TRUE)
frame <- read.csv(args[1], encoding = "UTF-8", na.strings = "", check.names = FALSE,
                  colClasses = c(county_code = "character", village_key = "character", household_id = "character",
                                 replaces = "character"))
responded <- c("responded", "完成"); ineligible <- c("ineligible", "不符合条件")

# 1. Response rate of the original sample: RR1 = I / (I + R + NC + UH); ineligible households out.
sampled <- subset(frame, role == "sample")
cat(sprintf("rr1 %.12f\n", sum(sampled$outcome %in% responded) / sum(!sampled$outcome %in% ineligible)))

# 2. Substitution: a spare that responded takes the place of the household it replaced (same
#    village and status, hence the same weight); its answers stand for that place.
substitute <- subset(frame, role == "spare" & outcome %in% responded)
i <- match(sampled$household_id, substitute$replaces)
for (measure in c("识别准确", "满意")) sampled[[measure]][!is.na(i)] <- substitute[[measure]][i[!is.na(i)]]
sampled$responded <- sampled$outcome %in% responded | !is.na(i)
places <- subset(sampled, !outcome %in% ineligible)

# 3. Weighting classes: a class with no respondent is merged within county × status, then status.
class <- places$household_stratum_key
empty <- function(class) ave(places$responded, class, FUN = sum) == 0
county_status <- paste(places$county_code, places$household_stratum)
merge <- county_status %in% county_status[empty(class)]
class[merge] <- county_status[merge]
merge <- places$household_stratum %in% places$household_stratum[empty(class)]
class[merge] <- places$household_stratum[merge]

# 4. The weighting-class adjustment: respondents carry the weight of their class's eligible places.
factor <- ave(places$weight, class, FUN = sum) / ave(places$weight * places$responded, class, FUN = sum)
places$adjusted <- ifelse(places$responded, places$weight * factor, places$weight)

# 5. The variance design of the places (docs/estimate-check.R): certainty counties as their own
#    strata with their villages as the PSUs, unless `off`.
if (length(args) < 2 || args[2] != "off") {
  certain <- places$county_probability == 1
  places$variance_stratum <- ifelse(certain, paste(places$county_stratum, places$county_code), places$county_stratum)
  places$variance_psu <- ifelse(certain, places$village_key, places$county_code)
} else {
  places$variance_stratum <- places$county_stratum
  places$variance_psu <- places$county_code
}
design <- svydesign(ids = ~variance_psu, strata = ~variance_stratum, weights = ~adjusted, data = places, nest = TRUE)
cat(sprintf("design %d %d %d\n", length(unique(places$variance_stratum)),
            nrow(unique(places[c("variance_stratum", "variance_psu")])), degf(design)))
for (measure in c("识别准确", "满意")) {
  # Answers of households that did not respond are NA: they count in the design, not in the mean.
  y <- ifelse(places$responded & !is.na(places[[measure]]), as.numeric(places[[measure]] == "是"), NA)
  d <- update(design, y = y)
  overall <- svymean(~y, d, na.rm = TRUE)
  cat(sprintf("%s all %.12f %.12f\n", measure, coef(overall), SE(overall)))
  by_status <- svyby(~y, ~household_stratum, d, svymean, na.rm = TRUE)
  for (k in seq_len(nrow(by_status)))
    cat(sprintf("%s %s %.12f %.12f\n", measure, by_status$household_stratum[k], by_status$y[k], by_status$se[k]))
}
