"""Write the shipped default inputs: a full 2012/13 example with data to May 2012.

    python tools/make_default_inputs.py [--inputs DIR] [--outputs DIR]

Writes measures.xlsx, returns/children/*.xlsx, returns/adults/*.xlsx, commentary.xlsx
and business_plan.xlsx, and outputs/2012-04/results.csv: the April 2012 pack's results
as published, before an April figure was corrected (FIRST_PUBLISHED), so the May run
has a revision to mark. Everything is deterministic: numbers come from one seeded
random.Random, workbook properties carry a fixed date.

The data must tell the story of the committee report of 12 July 2012 (see
shared/reference). Random noise only fills the ordinary months; April and May 2012
are chosen on purpose (TUNING and FIXED below), and `check_story` recomputes every
measure from the generated county series with the contract's rules (section 6) and
fails loudly if the story does not hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import xlsxwriter

from fscxl import pipeline
from fscxl.compute import rules
from fscxl.model.periods import Month

SEED = 20120712
ROOT = Path(__file__).resolve().parent.parent
FIXED_CREATED = dt.datetime(2012, 6, 15, 9, 0, 0)

# --------------------------------------------------------------------------- months

N_MONTHS = 26  # April 2010 .. May 2012
MONTHS = [dt.date(2010 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(N_MONTHS)]
APR12, MAY12 = 24, 25
MAR12 = 23
ALL_COLUMNS = [dt.date(2010 + (3 + i) // 12, (3 + i) % 12 + 1, 1) for i in range(36)]  # to Mar 2013
MONTH_ABBR = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]
SEASON = {4: 1.00, 5: 1.02, 6: 1.03, 7: 1.04, 8: 0.90, 9: 1.02, 10: 1.05, 11: 1.04, 12: 0.88,
          1: 1.03, 2: 0.98, 3: 1.04}

DISTRICTS = ["Ashford", "Canterbury", "Dartford", "Dover", "Gravesham", "Maidstone", "Sevenoaks",
             "Shepway", "Swale", "Thanet", "Tonbridge and Malling", "Tunbridge Wells"]
# Rough shares of Kent's 0-17 population, weighted up for the more deprived districts.
DISTRICT_WEIGHTS = [27, 29, 22, 25, 25, 32, 22, 26, 34, 36, 26, 22]

CHILD_POP_0_17 = 331200
ADULT_POP_18_64 = 895000
ADULT_POP_65 = 265000
ADULT_POP_18 = ADULT_POP_18_64 + ADULT_POP_65


def fy_start(idx: int) -> int:
    """Index of the April that opens the financial year of month idx."""
    return idx - (MONTHS[idx].month - 4) % 12


# --------------------------------------------------------------------------- returns and fields

CH_DIR, AS_DIR = "children", "adults"


@dataclass(frozen=True)
class Return:
    """One officers' workbook: its file, title and how the officers lay it out."""

    path: str              # relative to returns/
    title: str
    headers: str           # "date" (real dates, mmm-yy), "month_end" (real month-end dates), "text" (Apr-12), "long" (April 2012)
    by_year: bool          # one sheet per financial year, else all months on one sheet
    districts: bool
    sheets: tuple[str, ...] = ("Return",)   # sheet names when not by_year (fields say which sheet)
    notes: tuple[str, ...] = ()


RETURNS = {
    "ref": Return(f"{CH_DIR}/referrals_and_assessments.xlsx",
                  "Kent County Council \u2014 Referrals and assessments return",
                  "date", True, True),
    "cp": Return(f"{CH_DIR}/child_protection.xlsx",
                 "Kent County Council \u2014 Child protection return", "text", False, True,
                 ("CP return",)),
    "lac": Return(f"{CH_DIR}/looked_after_and_adoption.xlsx",
                  "Kent County Council \u2014 Looked after children, adoption and care leavers",
                  "long", False, False, ("Looked after", "Adoption and care leavers")),
    "audit": Return(f"{CH_DIR}/case_audits.xlsx",
                    "Kent County Council \u2014 Case file audit return", "text", True, False),
    "staff": Return(f"{CH_DIR}/workforce.xlsx",
                    "Kent County Council \u2014 Specialist Children's Services workforce return",
                    "month_end", False, False, ("Workforce",),
                    ("Source: HR establishment report and team supervision logs",
                     "Posts and staff are headcounts at the last working day of the month")),
    "asc": Return(f"{AS_DIR}/adult_activity.xlsx",
                  "Kent County Council \u2014 Adult social care activity return", "date", True, True),
    "aso": Return(f"{AS_DIR}/adult_outcomes_and_surveys.xlsx",
                  "Kent County Council \u2014 Adult social care outcomes and surveys", "text", False,
                  False, ("Monthly outcomes", "Mental health (quarterly)", "Survey")),
}


@dataclass
class Field:
    """A field code in the returns and how its county series is generated.

    volume: (level April 2010, level March 2012, relative noise)  -> a count
    ratio:  (parent field, share April 2010, share March 2012, noise) -> round(parent * share)
    per:    like ratio but a total (days, weeks, cases) per parent item, not capped
    """

    code: str
    description: str
    ret: str
    sheet: str = "Return"
    stock: bool = False
    volume: tuple | None = None
    ratio: tuple | None = None
    per: tuple | None = None
    seasonal: bool = False
    within: tuple[str, ...] = ()   # fields this one may never exceed (also caps district splits)


F = Field
FIELDS: dict[str, Field] = {f.code: f for f in [
    # Referrals and assessments (by district, one sheet per year, real dates)
    F("REF_RCVD", "Referrals received", "ref", volume=(1440, 1305, 0.035), seasonal=True),
    F("REF_DECIDED_1WD", "Referrals with a decision within 1 working day", "ref",
      ratio=("REF_RCVD", 0.86, 0.955, 0.01)),
    F("REF_REREF_12M", "Referrals within 12 months of a previous referral", "ref",
      ratio=("REF_RCVD", 0.27, 0.232, 0.01)),
    F("IA_DONE", "Initial assessments completed", "ref", ratio=("REF_RCVD", 0.66, 0.735, 0.012)),
    F("IA_IN_10WD", "Initial assessments completed within 10 working days", "ref",
      ratio=("IA_DONE", 0.62, 0.80, 0.015)),
    F("IA_CHILD_NOT_SEEN", "Initial assessments where the child was not seen", "ref",
      ratio=("IA_DONE", 0.14, 0.082, 0.008)),
    F("S47_STARTED", "Section 47 enquiries started", "ref", ratio=("REF_RCVD", 0.17, 0.222, 0.01)),
    F("CA_DONE", "Core assessments completed", "ref", volume=(430, 485, 0.05), seasonal=True),
    F("CA_IN_35WD", "Core assessments completed within 35 working days", "ref",
      ratio=("CA_DONE", 0.60, 0.80, 0.02)),
    F("CA_CHILD_SEEN", "Core assessments where the child was seen", "ref",
      ratio=("CA_DONE", 0.90, 0.957, 0.008)),
    F("CIN_OPEN", "Children in need (open cases) at month end", "ref", stock=True,
      volume=(9420, 8880, 0.008)),
    # Child protection (by district, one sheet, text headers)
    F("ICPC_HELD", "Initial child protection conferences held", "cp", volume=(122, 112, 0.08)),
    F("ICPC_IN_15WD", "Initial conferences within 15 working days of the strategy discussion", "cp",
      ratio=("ICPC_HELD", 0.72, 0.89, 0.03)),
    F("CP_PLANS_STARTED", "Child protection plans started", "cp", volume=(132, 112, 0.08)),
    F("CP_PLANS_STARTED_REPEAT", "Child protection plans started: second or subsequent plan", "cp",
      ratio=("CP_PLANS_STARTED", 0.165, 0.19, 0.02)),
    F("CP_PLANS_ENDED", "Child protection plans ended", "cp", volume=(116, 126, 0.08)),
    F("CP_PLANS_ENDED_2YR", "Child protection plans ended that had lasted 2 years or more", "cp",
      ratio=("CP_PLANS_ENDED", 0.06, 0.084, 0.01)),
    F("CP_PLANS_OPEN", "Children with a child protection plan at month end", "cp", stock=True,
      volume=(1510, 1370, 0.01)),
    F("CP_PLANS_ALLOC_QSW", "Child protection cases allocated to a qualified social worker", "cp",
      stock=True, ratio=("CP_PLANS_OPEN", 0.972, 0.997, 0.002)),
    F("CP_REV_DUE", "Child protection reviews due", "cp", volume=(162, 150, 0.07)),
    F("CP_REV_IN_TIME", "Child protection reviews held in timescale", "cp",
      ratio=("CP_REV_DUE", 0.92, 0.978, 0.012)),
    F("CP_VISITS_DUE", "Child protection visits due", "cp", volume=(1460, 1360, 0.03)),
    F("CP_VISITS_IN_TIME", "Child protection visits made in timescale", "cp",
      ratio=("CP_VISITS_DUE", 0.85, 0.94, 0.01)),
    # Looked after children (county, one sheet per topic, "April 2012" headers)
    F("LAC_OPEN", "Looked after children at month end", "lac", "Looked after", stock=True,
      volume=(1650, 1790, 0.006)),
    F("LAC_ALLOC_QSW", "Looked after children allocated to a qualified social worker", "lac",
      "Looked after", stock=True, ratio=("LAC_OPEN", 0.975, 0.998, 0.0015)),
    F("LAC_HEALTH_UTD", "Looked after children with an up-to-date health assessment", "lac",
      "Looked after", stock=True, ratio=("LAC_OPEN", 0.78, 0.89, 0.006)),
    F("LAC_SCHOOL_AGE", "Looked after children of school age", "lac", "Looked after", stock=True,
      ratio=("LAC_OPEN", 0.62, 0.62, 0.004)),
    F("LAC_PEP_UTD", "Looked after children of school age with an up-to-date personal education plan",
      "lac", "Looked after", stock=True, ratio=("LAC_SCHOOL_AGE", 0.85, 0.93, 0.006)),
    F("LAC_REV_DUE", "Looked after children reviews due", "lac", "Looked after",
      volume=(330, 350, 0.06)),
    F("LAC_REV_HELD", "Looked after children reviews held", "lac", "Looked after",
      ratio=("LAC_REV_DUE", 0.985, 0.995, 0.003)),
    F("LAC_REV_IN_TIME", "Looked after children reviews held in timescale", "lac", "Looked after",
      ratio=("LAC_REV_HELD", 0.89, 0.96, 0.01), within=("LAC_REV_HELD",)),
    F("LAC_REV_PARTICIPATED", "Reviews where the child participated", "lac", "Looked after",
      ratio=("LAC_REV_HELD", 0.88, 0.95, 0.01)),
    F("LAC_VISITS_DUE", "Looked after children statutory visits due", "lac", "Looked after",
      volume=(1690, 1780, 0.03)),
    F("LAC_VISITS_IN_TIME", "Looked after children statutory visits made in timescale", "lac",
      "Looked after", ratio=("LAC_VISITS_DUE", 0.88, 0.968, 0.006)),
    F("LAC_3PLUS_PLACEMENTS", "Looked after children with 3 or more placements in the last 12 months",
      "lac", "Looked after", stock=True, ratio=("LAC_OPEN", 0.106, 0.118, 0.003)),
    F("LAC_U16_2_5YRS", "Looked after children under 16 looked after for 2.5 years or more", "lac",
      "Looked after", stock=True, ratio=("LAC_OPEN", 0.27, 0.28, 0.003)),
    F("LAC_U16_SAME_PLACEMENT_2YR", "Of those, in the same placement for 2 years or more", "lac",
      "Looked after", stock=True, ratio=("LAC_U16_2_5YRS", 0.64, 0.672, 0.008)),
    F("LAC_PLACED_20MILES", "Looked after children placed more than 20 miles from home", "lac",
      "Looked after", stock=True, ratio=("LAC_OPEN", 0.15, 0.127, 0.004)),
    F("LAC_FOSTERED", "Looked after children in foster placements", "lac", "Looked after",
      stock=True, ratio=("LAC_OPEN", 0.76, 0.778, 0.004)),
    F("LAC_CEASED", "Children ceasing to be looked after", "lac", "Looked after",
      volume=(70, 75, 0.1)),
    F("LAC_CEASED_ADOPTED", "Children ceasing to be looked after: adopted", "lac", "Looked after",
      ratio=("LAC_CEASED", 0.10, 0.135, 0.025)),
    F("LAC_CEASED_SGO_RO", "Children ceasing to be looked after: special guardianship or residence order",
      "lac", "Looked after", ratio=("LAC_CEASED", 0.07, 0.085, 0.02)),
    F("ADOPT_PLACED", "Children placed with an adoptive family", "lac", "Adoption and care leavers",
      volume=(7, 9, 0.2)),
    F("ADOPT_PLACED_12M", "Placed within 12 months of the decision that they should be adopted", "lac",
      "Adoption and care leavers", ratio=("ADOPT_PLACED", 0.55, 0.68, 0.08)),
    F("ADOPT_DAYS_TO_PLACE", "Total days from entering care to moving in with the adoptive family",
      "lac", "Adoption and care leavers", per=("ADOPT_PLACED", 720, 628, 45)),
    F("ADOPT_MATCHED", "Children matched with an adoptive family", "lac", "Adoption and care leavers",
      volume=(8, 9, 0.2)),
    F("ADOPT_DAYS_PO_TO_MATCH", "Total days from placement order to match with the adoptive family",
      "lac", "Adoption and care leavers", per=("ADOPT_MATCHED", 252, 207, 18)),
    F("CL19_COHORT", "Care leavers reaching 19 in the month", "lac", "Adoption and care leavers",
      volume=(24, 27, 0.12)),
    F("CL19_EET", "Care leavers aged 19 in education, employment or training", "lac",
      "Adoption and care leavers", ratio=("CL19_COHORT", 0.50, 0.573, 0.05)),
    F("CL19_SUITABLE_ACCOM", "Care leavers aged 19 in suitable accommodation", "lac",
      "Adoption and care leavers", ratio=("CL19_COHORT", 0.83, 0.872, 0.035)),
    # Case audits (county, one sheet per year, text headers)
    F("AUDIT_DONE", "Case files audited", "audit", volume=(60, 86, 0.08)),
    F("AUDIT_ADEQUATE", "Case files judged adequate or better", "audit",
      ratio=("AUDIT_DONE", 0.45, 0.70, 0.03)),
    # Workforce (county, one sheet, month-end dates)
    F("SW_POSTS_ESTAB", "Social worker posts in the establishment (FTE)", "staff", "Workforce",
      stock=True, volume=(560, 575, 0.004)),
    F("SW_POSTS_AGENCY", "Social worker posts filled by agency staff", "staff", "Workforce",
      stock=True, ratio=("SW_POSTS_ESTAB", 0.16, 0.136, 0.004)),
    F("SW_POSTS_VACANT", "Social worker posts vacant (not covered)", "staff", "Workforce",
      stock=True, ratio=("SW_POSTS_ESTAB", 0.13, 0.091, 0.004)),
    F("SW_QUALIFIED", "Qualified social workers holding cases", "staff", "Workforce", stock=True,
      volume=(480, 505, 0.006)),
    F("SW_CASES_ALLOCATED", "Cases allocated to qualified social workers", "staff", "Workforce",
      stock=True, per=("SW_QUALIFIED", 19.6, 17.6, 0.15)),
    F("STAFF_SUPERVISION_DUE", "Staff due supervision in the month", "staff", "Workforce",
      volume=(600, 620, 0.02)),
    F("STAFF_SUPERVISED_IN_TIME", "Staff supervised within timescale", "staff", "Workforce",
      ratio=("STAFF_SUPERVISION_DUE", 0.84, 0.935, 0.01)),
    # Adult activity (by district, one sheet per year, real dates)
    F("COMMUNITY_CLIENTS", "Adults receiving community-based services at month end", "asc",
      stock=True, volume=(17500, 16850, 0.004)),
    F("SDS_CLIENTS", "Of those, with self-directed support (a personal budget)", "asc", stock=True,
      ratio=("COMMUNITY_CLIENTS", 0.30, 0.574, 0.003)),
    F("DP_CLIENTS", "Of those, receiving a direct payment", "asc", stock=True,
      ratio=("COMMUNITY_CLIENTS", 0.081, 0.116, 0.002), within=("SDS_CLIENTS",)),
    F("ENABLEMENT_STARTS", "People starting an enablement service", "asc", volume=(560, 705, 0.05),
      seasonal=True),
    F("ENABLEMENT_ENDED", "Enablement services ended", "asc", volume=(540, 700, 0.05)),
    F("ENABLEMENT_ENDED_NO_NEED", "Enablement ended with no ongoing care need", "asc",
      ratio=("ENABLEMENT_ENDED", 0.48, 0.562, 0.015)),
    F("PERM_ADM_18_64", "Permanent admissions to residential and nursing care, aged 18-64", "asc",
      volume=(13, 10.6, 0.25)),
    F("PERM_ADM_65", "Permanent admissions to residential and nursing care, aged 65 and over", "asc",
      volume=(160, 148, 0.08)),
    F("TELECARE_CLIENTS", "People receiving telecare at month end", "asc", stock=True,
      volume=(1800, 3150, 0.005)),
    F("ASSESS_DONE", "Assessments completed", "asc", volume=(1100, 1150, 0.04)),
    F("ASSESS_IN_28D", "Assessments completed within 28 days", "asc",
      ratio=("ASSESS_DONE", 0.80, 0.88, 0.01)),
    F("PACKAGES_STARTED", "Care packages put in place after assessment", "asc",
      volume=(800, 850, 0.04)),
    F("PACKAGES_IN_28D", "Care packages in place within 28 days of assessment", "asc",
      ratio=("PACKAGES_STARTED", 0.84, 0.91, 0.01)),
    F("REVIEWS_DUE", "Clients due an annual review", "asc", volume=(1400, 1400, 0.04)),
    F("REVIEWS_DONE", "Clients reviewed within 12 months", "asc",
      ratio=("REVIEWS_DUE", 0.66, 0.695, 0.015)),
    F("CARER_ASSESSMENTS", "Carers' assessments completed", "asc", volume=(380, 470, 0.06)),
    F("CARER_ASSESS_SERVICE", "Carers receiving a service or information after assessment", "asc",
      ratio=("CARER_ASSESSMENTS", 0.85, 0.91, 0.012)),
    F("SG_ALERTS", "Safeguarding alerts received", "asc", volume=(330, 415, 0.06)),
    F("SG_REFERRALS_CONCLUDED", "Safeguarding referrals concluded", "asc", volume=(150, 190, 0.07)),
    F("SG_RISK_REDUCED", "Concluded referrals where the risk was removed or reduced", "asc",
      ratio=("SG_REFERRALS_CONCLUDED", 0.78, 0.86, 0.02)),
    F("OT_SERVICES_STARTED", "Occupational therapy services started", "asc",
      volume=(380, 410, 0.05)),
    F("OT_WEEKS_TOTAL", "Total weeks from referral to occupational therapy service", "asc",
      per=("OT_SERVICES_STARTED", 6.5, 4.0, 0.25)),
    # Adult outcomes (county, text headers) and the annual survey
    F("REABLE_DISCHARGED_65", "Older people discharged from hospital into reablement", "aso",
      "Monthly outcomes", volume=(170, 210, 0.06)),
    F("REABLE_HOME_91D", "Of those, at home 91 days after discharge", "aso", "Monthly outcomes",
      ratio=("REABLE_DISCHARGED_65", 0.80, 0.836, 0.015)),
    F("DTOC_DELAYED", "Delayed transfers of care (adults, month snapshot)", "aso",
      "Monthly outcomes", volume=(121, 114, 0.07)),
    F("DTOC_SOCIAL_CARE", "Delayed transfers attributable to social care", "aso",
      "Monthly outcomes", ratio=("DTOC_DELAYED", 0.33, 0.30, 0.03)),
    F("LD_CLIENTS", "Adults with a learning disability known to the council", "aso",
      "Monthly outcomes", stock=True, volume=(3800, 3950, 0.003)),
    F("LD_PAID_EMPLOYMENT", "Adults with a learning disability in paid employment", "aso",
      "Monthly outcomes", stock=True, ratio=("LD_CLIENTS", 0.055, 0.069, 0.001)),
    F("LD_SETTLED_ACCOM", "Adults with a learning disability in settled accommodation", "aso",
      "Monthly outcomes", stock=True, ratio=("LD_CLIENTS", 0.70, 0.762, 0.003)),
    F("MH_CLIENTS_CPA", "Adults in contact with secondary mental health services (on CPA) at quarter end",
      "aso", "Mental health (quarterly)", stock=True, volume=(2900, 2800, 0.004)),
    F("MH_EMPLOYED", "Of those, in employment", "aso", "Mental health (quarterly)", stock=True,
      ratio=("MH_CLIENTS_CPA", 0.07, 0.080, 0.002)),
    F("MH_SETTLED_ACCOM", "Of those, in settled accommodation", "aso", "Mental health (quarterly)",
      stock=True, ratio=("MH_CLIENTS_CPA", 0.60, 0.66, 0.003)),
    F("ASCS_RESPONDENTS", "Adult social care survey: respondents (latest survey)", "aso", "Survey",
      stock=True),
    F("ASCS_QOL_SCORE_SUM", "Adult social care survey: sum of quality of life scores", "aso",
      "Survey", stock=True),
    F("ASCS_VERY_SATISFIED", "Adult social care survey: extremely or very satisfied", "aso",
      "Survey", stock=True, within=("ASCS_RESPONDENTS",)),
]}

# The annual survey: (first month index it is reported, respondents, mean score, % very satisfied)
SURVEYS = [(0, 790, Fraction(184, 10), Fraction(619, 10)),      # 2009/10 pilot
           (10, 805, Fraction(186, 10), Fraction(638, 10)),     # 2010/11, published Feb 2011
           (22, 812, Fraction(188, 10), Fraction(661, 10))]     # 2011/12, published Feb 2012


# --------------------------------------------------------------------------- the catalogue

CH_AREAS = ["How much are we dealing with?", "How long is it taking us?", "How well are we doing it?",
            "Are we achieving good outcomes?", "Are we supporting our staff?"]
AS_AREAS = ["Personalisation", "Enablement and independence", "Timeliness", "Carers",
            "Safeguarding", "Outcomes and experience"]


@dataclass
class Measure:
    ref: str
    area: str
    title: str
    unit: str
    polarity: str
    basis: str
    numerator: str
    denominator: str | int | None
    target: object = None          # number, or (lower, upper) for Band
    floor: object = None
    definition: str = ""
    multiplier: int | None = None
    decimals: int | None = None
    corporate: bool = False
    benchmark: tuple | None = None   # (value, source)
    phased: list | None = None       # 2012/13 Apr..Mar
    previous: dict = field(default_factory=dict)  # 2011/12 overrides: target, floor, phased
    frequency: str = "Monthly"       # Quarterly: entered in Jun, Sep, Dec, Mar; Annual: when published

    @property
    def scorecard(self) -> str:
        return "Children" if self.ref.startswith("CH") else "Adults"

    @property
    def mult(self) -> int:
        if self.multiplier is not None:
            return self.multiplier
        if self.denominator is None:
            return 1
        return {"%": 100, "Rate per 10,000": 10000, "Rate per 100,000": 100000}.get(self.unit, 1)

    @property
    def dec(self) -> int:
        if self.decimals is not None:
            return self.decimals
        return 1 if self.unit in ("%", "Rate per 10,000", "Rate per 100,000") else 0


def phase(start, end, decimals: int = 1, cumulative: bool = False) -> list:
    """Twelve monthly targets rising steadily from `start` (last year's outturn) to `end` in March."""
    out = []
    for k in range(1, 13):
        exact = Decimal(k) * Decimal(end) / 12 if cumulative else (
            Decimal(str(start)) + (Decimal(str(end)) - Decimal(str(start))) * k / 12)
        q = exact.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        out.append(int(q) if decimals == 0 else float(q))
    return out


ENG = "England 2011-12 (DfE)"
HPA = "High performing authorities (top quartile, statistical neighbours)"
ADS = "Adoption scorecard 2008-11, England"
ASCOF = "England 2011-12 (ASCOF)"
P = "%"
R10 = "Rate per 10,000"
R100 = "Rate per 100,000"

M = Measure
MEASURES: list[Measure] = [
    # ---- Children: How much are we dealing with?
    M("CH01", CH_AREAS[0], "Referrals per 10,000 children (0-17)", R10, "Band", "Rolling 12", "REF_RCVD",
      CHILD_POP_0_17, (480, 560), (430, 620),
      "Referrals to children's social care in the last 12 months per 10,000 children aged 0-17.",
      corporate=True, benchmark=(533.3, ENG)),
    M("CH02", CH_AREAS[0], "Number of referrals", "Number", "None", "Month", "REF_RCVD", None,
      definition="Referrals to children's social care received in the month."),
    M("CH03", CH_AREAS[0], "% referrals progressing to initial assessment", P, "Band", "YTD", "IA_DONE",
      "REF_RCVD", (60, 70), (55, 80),
      "Initial assessments completed as a percentage of referrals received, year to date.",
      benchmark=(64.8, HPA)),
    M("CH04", CH_AREAS[0], "Initial assessments per 10,000 children", R10, "Band", "Rolling 12", "IA_DONE",
      CHILD_POP_0_17, (300, 380), (260, 440),
      "Initial assessments completed in the last 12 months per 10,000 children aged 0-17.",
      benchmark=(393.1, ENG)),
    M("CH05", CH_AREAS[0], "% referrals progressing to Section 47 enquiry", P, "Band", "YTD",
      "S47_STARTED", "REF_RCVD", (15, 22), (12, 28),
      "Section 47 child protection enquiries started as a percentage of referrals, year to date.",
      benchmark=(18.5, HPA)),
    M("CH06", CH_AREAS[0], "Section 47 enquiries per 10,000 children", R10, "Band", "Rolling 12",
      "S47_STARTED", CHILD_POP_0_17, (80, 110), (70, 140),
      "Section 47 enquiries started in the last 12 months per 10,000 children aged 0-17.",
      benchmark=(111.4, ENG)),
    M("CH07", CH_AREAS[0], "Core assessments per 10,000 children", R10, "Band", "Rolling 12", "CA_DONE",
      CHILD_POP_0_17, (150, 200), (120, 240),
      "Core assessments completed in the last 12 months per 10,000 children aged 0-17.",
      benchmark=(234.2, ENG)),
    M("CH08", CH_AREAS[0], "Children with a child protection plan per 10,000", R10, "Band", "Snapshot",
      "CP_PLANS_OPEN", CHILD_POP_0_17, (35, 45), (30, 55),
      "Children subject to a child protection plan at the month end per 10,000 children aged 0-17.",
      corporate=True, benchmark=(37.8, ENG)),
    M("CH09", CH_AREAS[0], "Looked after children per 10,000", R10, "Band", "Snapshot", "LAC_OPEN",
      CHILD_POP_0_17, (50, 60), (45, 70),
      "Children looked after at the month end per 10,000 children aged 0-17.",
      corporate=True, benchmark=(59.0, ENG)),
    M("CH10", CH_AREAS[0], "Children in need per 10,000", R10, "None", "Snapshot", "CIN_OPEN",
      CHILD_POP_0_17,
      definition="Children in need with an open case at the month end per 10,000 children aged 0-17.",
      benchmark=(325.7, ENG)),
    # ---- How long is it taking us?
    M("CH11", CH_AREAS[1], "% referrals with a decision within 1 working day", P, "High", "YTD",
      "REF_DECIDED_1WD", "REF_RCVD", 95, 85,
      "Referrals where a decision on what happens next was made within one working day, year to date.",
      benchmark=(96.0, HPA)),
    M("CH12", CH_AREAS[1], "% initial assessments within 10 working days (NI 59)", P, "High", "YTD",
      "IA_IN_10WD", "IA_DONE", 80, 70,
      "Initial assessments completed within 10 working days of the referral, year to date.",
      corporate=True, benchmark=(77.4, ENG), previous={"target": 75, "floor": 65}),
    M("CH13", CH_AREAS[1], "% core assessments within 35 working days (NI 60)", P, "High", "YTD",
      "CA_IN_35WD", "CA_DONE", 80, 70,
      "Core assessments completed within 35 working days of starting, year to date.",
      corporate=True, benchmark=(75.5, ENG), previous={"target": 75, "floor": 65}),
    M("CH14", CH_AREAS[1], "% initial CP conferences within 15 working days of strategy discussion", P,
      "High", "YTD", "ICPC_IN_15WD", "ICPC_HELD", 90, 75,
      "Initial child protection conferences held within 15 working days of the strategy discussion, "
      "year to date.", benchmark=(70.1, ENG)),
    M("CH15", CH_AREAS[1], "% child protection reviews in timescale (NI 67)", P, "High", "YTD",
      "CP_REV_IN_TIME", "CP_REV_DUE", 100, 95,
      "Child protection review conferences held within the required timescale, year to date.",
      benchmark=(96.7, ENG)),
    M("CH16", CH_AREAS[1], "% looked after children reviews in timescale (NI 66)", P, "High", "YTD",
      "LAC_REV_IN_TIME", "LAC_REV_DUE", 95, 90,
      "Looked after children's reviews held within the required timescale, year to date.",
      benchmark=(90.5, ENG)),
    M("CH17", CH_AREAS[1], "Average days from entering care to moving in with adoptive family", "Days",
      "Low", "Rolling 12", "ADOPT_DAYS_TO_PLACE", "ADOPT_PLACED", 639, 700,
      "Average number of days between a child entering care and moving in with their adoptive family, "
      "for children placed in the last 12 months.", multiplier=1, decimals=0, corporate=True,
      benchmark=(636, ADS), previous={"target": 660, "floor": 720}),
    M("CH18", CH_AREAS[1], "Average days from placement order to match with adoptive family", "Days",
      "Low", "Rolling 12", "ADOPT_DAYS_PO_TO_MATCH", "ADOPT_MATCHED", 213, 250,
      "Average number of days between the court's placement order and the match with an adoptive "
      "family, for children matched in the last 12 months.", multiplier=1, decimals=0,
      benchmark=(199, ADS), previous={"target": 220, "floor": 260}),
    # ---- How well are we doing it?
    M("CH19", CH_AREAS[2], "% audited case files judged adequate or better", P, "High", "YTD",
      "AUDIT_ADEQUATE", "AUDIT_DONE", 80, 60,
      "Case files audited by managers this year that were judged adequate, good or outstanding.",
      benchmark=(80.0, HPA)),
    M("CH20", CH_AREAS[2], "% children not seen at initial assessment", P, "Low", "Month",
      "IA_CHILD_NOT_SEEN", "IA_DONE", 5, 10,
      "Initial assessments completed in the month where the child was not seen by a social worker.",
      benchmark=(5.0, HPA)),
    M("CH21", CH_AREAS[2], "% children seen at core assessment", P, "High", "Month", "CA_CHILD_SEEN",
      "CA_DONE", 95, 85,
      "Core assessments completed in the month where the child was seen by a social worker.",
      benchmark=(95.0, HPA)),
    M("CH22", CH_AREAS[2], "% child protection visits in timescale", P, "High", "Month",
      "CP_VISITS_IN_TIME", "CP_VISITS_DUE", 95, 85,
      "Visits to children with a child protection plan made within the required timescale in the month."),
    M("CH23", CH_AREAS[2], "% looked after children statutory visits in timescale", P, "High", "Month",
      "LAC_VISITS_IN_TIME", "LAC_VISITS_DUE", 95, 85,
      "Statutory visits to looked after children made within the required timescale in the month."),
    M("CH24", CH_AREAS[2], "% CP cases allocated to a qualified social worker", P, "High", "Snapshot",
      "CP_PLANS_ALLOC_QSW", "CP_PLANS_OPEN", 100, 98,
      "Children with a child protection plan at the month end whose case is allocated to a qualified "
      "social worker.", benchmark=(100.0, HPA)),
    M("CH25", CH_AREAS[2], "% looked after children allocated to a qualified social worker", P, "High",
      "Snapshot", "LAC_ALLOC_QSW", "LAC_OPEN", 100, 98,
      "Looked after children at the month end whose case is allocated to a qualified social worker.",
      benchmark=(100.0, HPA)),
    M("CH26", CH_AREAS[2], "% looked after children with an up-to-date health assessment", P, "High",
      "Snapshot", "LAC_HEALTH_UTD", "LAC_OPEN", 90, 80,
      "Looked after children at the month end whose health assessment is up to date.",
      benchmark=(84.0, ENG)),
    M("CH27", CH_AREAS[2], "% looked after children with an up-to-date personal education plan", P,
      "High", "Snapshot", "LAC_PEP_UTD", "LAC_SCHOOL_AGE", 95, 85,
      "Looked after children of school age at the month end whose personal education plan is up to date.",
      benchmark=(92.0, HPA)),
    M("CH28", CH_AREAS[2], "% looked after children participating in their reviews", P, "High", "YTD",
      "LAC_REV_PARTICIPATED", "LAC_REV_HELD", 95, 85,
      "Reviews held this year in which the child took part, in person or by another means.",
      benchmark=(93.0, ENG)),
    # ---- Are we achieving good outcomes?
    M("CH29", CH_AREAS[3], "% referrals previously referred in the last 12 months", P, "Low", "YTD",
      "REF_REREF_12M", "REF_RCVD", 20, 25,
      "Referrals this year about a child who had been referred within the previous 12 months.",
      benchmark=(26.1, ENG)),
    M("CH30", CH_AREAS[3], "% children with a CP plan for a second or subsequent time (NI 65)", P, "Low",
      "YTD", "CP_PLANS_STARTED_REPEAT", "CP_PLANS_STARTED", 13, 18,
      "Child protection plans started this year for a child who had been subject to a plan before.",
      corporate=True, benchmark=(13.8, ENG)),
    M("CH31", CH_AREAS[3], "% looked after children placed within 12 months of decision for adoption "
      "(NI 61)", P, "High", "YTD", "ADOPT_PLACED_12M", "ADOPT_PLACED", 80, 70,
      "Children placed for adoption this year within 12 months of the decision that they should be "
      "adopted.", benchmark=(74.0, ENG)),
    M("CH32", CH_AREAS[3], "% children leaving care who are adopted", P, "High", "YTD",
      "LAC_CEASED_ADOPTED", "LAC_CEASED", 15, 11,
      "Children ceasing to be looked after this year who left care through adoption.",
      benchmark=(13.0, ENG)),
    M("CH33", CH_AREAS[3], "% CP plans lasting 2 years or more when ended (NI 64)", P, "Low",
      "Rolling 12", "CP_PLANS_ENDED_2YR", "CP_PLANS_ENDED", 5, 8,
      "Child protection plans ended in the last 12 months that had lasted two years or more.",
      benchmark=(5.6, ENG)),
    M("CH34", CH_AREAS[3], "% looked after children with 3 or more placements in 12 months (NI 62)", P,
      "Low", "Rolling 12", "LAC_3PLUS_PLACEMENTS", "LAC_OPEN", 10, 12,
      "Looked after children who had three or more placements in the previous 12 months, averaged "
      "over the last 12 month ends.", corporate=True, benchmark=(11.0, ENG)),
    M("CH35", CH_AREAS[3], "% looked after children under 16 in the same placement 2+ years (NI 63)", P,
      "High", "Snapshot", "LAC_U16_SAME_PLACEMENT_2YR", "LAC_U16_2_5YRS", 70, 65,
      "Children under 16 looked after for two and a half years or more who have been in the same "
      "placement for at least two years.", benchmark=(68.0, ENG)),
    M("CH36", CH_AREAS[3], "% care leavers aged 19 in education, employment or training (NI 148)", P,
      "High", "Rolling 12", "CL19_EET", "CL19_COHORT", 60, 55,
      "Care leavers who turned 19 in the last 12 months and are in education, employment or training.",
      benchmark=(58.0, ENG)),
    M("CH37", CH_AREAS[3], "% care leavers aged 19 in suitable accommodation (NI 147)", P, "High",
      "Rolling 12", "CL19_SUITABLE_ACCOM", "CL19_COHORT", 90, 85,
      "Care leavers who turned 19 in the last 12 months and are living in suitable accommodation.",
      benchmark=(88.0, ENG)),
    M("CH38", CH_AREAS[3], "% looked after children placed more than 20 miles from home", P, "Low",
      "Snapshot", "LAC_PLACED_20MILES", "LAC_OPEN", 10, 15,
      "Looked after children at the month end placed more than 20 miles from their home address.",
      benchmark=(13.0, ENG)),
    M("CH39", CH_AREAS[3], "% looked after children in foster placements", P, "High", "Snapshot",
      "LAC_FOSTERED", "LAC_OPEN", 80, 75,
      "Looked after children at the month end living with foster carers.", benchmark=(75.0, ENG)),
    M("CH40", CH_AREAS[3], "% children leaving care under a special guardianship or residence order", P,
      "High", "YTD", "LAC_CEASED_SGO_RO", "LAC_CEASED", 10, 6,
      "Children ceasing to be looked after this year under a special guardianship or residence order.",
      benchmark=(11.0, ENG)),
    # ---- Are we supporting our staff?
    M("CH41", CH_AREAS[4], "% social work posts filled by agency staff", P, "Low", "Snapshot",
      "SW_POSTS_AGENCY", "SW_POSTS_ESTAB", 10, 20,
      "Social worker posts in the establishment filled by agency staff at the month end.",
      corporate=True, benchmark=(5.3, "England 2011-12 (CWDC workforce survey)")),
    M("CH42", CH_AREAS[4], "% social worker posts vacant", P, "Low", "Snapshot", "SW_POSTS_VACANT",
      "SW_POSTS_ESTAB", 10, 15,
      "Social worker posts in the establishment vacant and not covered at the month end.",
      benchmark=(9.2, "England 2011-12 (CWDC workforce survey)")),
    M("CH43", CH_AREAS[4], "Average caseload per qualified social worker", "Number", "Low", "Snapshot",
      "SW_CASES_ALLOCATED", "SW_QUALIFIED", 18, 22,
      "Cases allocated to qualified social workers at the month end divided by the number of qualified "
      "social workers holding cases.", multiplier=1, decimals=1, benchmark=(17.0, HPA)),
    M("CH44", CH_AREAS[4], "% staff supervised within timescale", P, "High", "Month",
      "STAFF_SUPERVISED_IN_TIME", "STAFF_SUPERVISION_DUE", 95, 85,
      "Staff due supervision in the month who were supervised within the required timescale."),
    # ---- Adults
    M("AS01", AS_AREAS[0], "% clients with self-directed support / personal budget (ASCOF 1C(i))", P,
      "High", "Snapshot", "SDS_CLIENTS", "COMMUNITY_CLIENTS", 70, 55,
      "Adults receiving community-based services at the month end who have self-directed support.",
      corporate=True, benchmark=(43.0, ASCOF), phased=phase(57.0, 70),
      previous={"target": 55, "floor": 45, "phased": phase(42.0, 55)}),
    M("AS02", AS_AREAS[0], "% clients receiving a direct payment (ASCOF 1C(ii))", P, "High", "Snapshot",
      "DP_CLIENTS", "COMMUNITY_CLIENTS", 15, 10,
      "Adults receiving community-based services at the month end who take a direct payment.",
      benchmark=(13.7, ASCOF), phased=phase(11.6, 15),
      previous={"target": 12, "floor": 8, "phased": phase(9.9, 12)}),
    M("AS03", AS_AREAS[1], "Number of people starting an enablement service", "Number", "High", "YTD",
      "ENABLEMENT_STARTS", None, 9000, 8100,
      "People who started a short-term enablement service this year.", corporate=True,
      phased=phase(0, 9000, 0, cumulative=True),
      previous={"target": 8400, "floor": 7500, "phased": phase(0, 8400, 0, cumulative=True)}),
    M("AS04", AS_AREAS[1], "% enablement ending with no ongoing care need", P, "High", "Rolling 12",
      "ENABLEMENT_ENDED_NO_NEED", "ENABLEMENT_ENDED", 55, 45,
      "Enablement services ended in the last 12 months after which the person needed no ongoing care."),
    M("AS05", AS_AREAS[1], "% older people at home 91 days after reablement (ASCOF 2B(1))", P, "High",
      "Rolling 12", "REABLE_HOME_91D", "REABLE_DISCHARGED_65", 85, 80,
      "Older people discharged from hospital into reablement in the last 12 months who were still at "
      "home 91 days later.", benchmark=(82.7, ASCOF)),
    M("AS06", AS_AREAS[1], "Permanent admissions to care homes, 18-64, per 100,000 (ASCOF 2A(1))", R100,
      "Low", "Rolling 12", "PERM_ADM_18_64", ADULT_POP_18_64, 15, 20,
      "Permanent admissions of adults aged 18-64 to residential and nursing care in the last 12 months "
      "per 100,000 population aged 18-64.", benchmark=(19.1, ASCOF)),
    M("AS07", AS_AREAS[1], "Permanent admissions to care homes, 65+, per 100,000 (ASCOF 2A(2))", R100,
      "Low", "Rolling 12", "PERM_ADM_65", ADULT_POP_65, 650, 750,
      "Permanent admissions of adults aged 65 and over to residential and nursing care in the last 12 "
      "months per 100,000 population aged 65 and over.", corporate=True, benchmark=(695.9, ASCOF)),
    M("AS08", AS_AREAS[1], "Delayed transfers of care per 100,000 (ASCOF 2C(1))", R100, "Low", "Snapshot",
      "DTOC_DELAYED", ADULT_POP_18, 8, 11,
      "Delayed transfers of care from hospital at the monthly snapshot per 100,000 adults aged 18 and "
      "over.", corporate=True, benchmark=(9.7, ASCOF)),
    M("AS09", AS_AREAS[1], "Delayed transfers attributable to social care per 100,000 (ASCOF 2C(2))",
      R100, "Low", "Snapshot", "DTOC_SOCIAL_CARE", ADULT_POP_18, 3, 4,
      "Delayed transfers of care attributable to social care at the monthly snapshot per 100,000 adults "
      "aged 18 and over.", benchmark=(3.2, ASCOF)),
    M("AS10", AS_AREAS[1], "Number of people receiving telecare", "Number", "High", "Snapshot",
      "TELECARE_CLIENTS", None, 4000, 3200, "People with a telecare service at the month end.",
      phased=phase(3150, 4000, 0), previous={"target": 3000, "floor": 2500, "phased": phase(2300, 3000, 0)}),
    M("AS11", AS_AREAS[2], "% assessments completed within 28 days", P, "High", "YTD", "ASSESS_IN_28D",
      "ASSESS_DONE", 90, 80, "Community care assessments this year completed within 28 days."),
    M("AS12", AS_AREAS[2], "% care packages in place within 28 days of assessment", P, "High", "YTD",
      "PACKAGES_IN_28D", "PACKAGES_STARTED", 90, 80,
      "Care packages put in place this year within 28 days of the assessment being completed."),
    M("AS13", AS_AREAS[2], "% clients reviewed in the last 12 months", P, "High", "Rolling 12",
      "REVIEWS_DONE", "REVIEWS_DUE", 80, 70,
      "Clients due an annual review in the last 12 months who were reviewed on time."),
    M("AS14", AS_AREAS[3], "Number of carers' assessments completed", "Number", "High", "YTD",
      "CARER_ASSESSMENTS", None, 6000, 5000, "Carers' assessments completed this year.",
      phased=phase(0, 6000, 0, cumulative=True),
      previous={"target": 5500, "floor": 4500, "phased": phase(0, 5500, 0, cumulative=True)}),
    M("AS15", AS_AREAS[3], "% carers receiving a service or information after assessment", P, "High",
      "YTD", "CARER_ASSESS_SERVICE", "CARER_ASSESSMENTS", 90, 80,
      "Carers assessed this year who then received a service, or advice and information."),
    M("AS16", AS_AREAS[4], "Number of safeguarding alerts", "Number", "None", "Month", "SG_ALERTS", None,
      definition="Safeguarding alerts about adults at risk received in the month."),
    M("AS17", AS_AREAS[4], "% safeguarding referrals where risk was removed or reduced", P, "High", "YTD",
      "SG_RISK_REDUCED", "SG_REFERRALS_CONCLUDED", 85, 75,
      "Safeguarding referrals concluded this year where the risk was removed or reduced."),
    M("AS18", AS_AREAS[5], "% adults with a learning disability in paid employment (ASCOF 1E)", P,
      "High", "Snapshot", "LD_PAID_EMPLOYMENT", "LD_CLIENTS", 8, 6,
      "Adults with a learning disability known to the council who are in paid employment.",
      benchmark=(7.0, ASCOF)),
    M("AS19", AS_AREAS[5], "% adults with a learning disability in settled accommodation (ASCOF 1G)", P,
      "High", "Snapshot", "LD_SETTLED_ACCOM", "LD_CLIENTS", 75, 65,
      "Adults with a learning disability known to the council who live in settled accommodation.",
      benchmark=(70.0, ASCOF)),
    M("AS20", AS_AREAS[5], "% adults in contact with mental health services in employment (ASCOF 1F)",
      P, "High", "Snapshot", "MH_EMPLOYED", "MH_CLIENTS_CPA", 9, 7,
      "Adults on the Care Programme Approach with secondary mental health services who are employed, "
      "at the end of the latest quarter (the mental health trust reports quarterly).",
      benchmark=(8.9, ASCOF), frequency="Quarterly"),
    M("AS21", AS_AREAS[5], "% adults in contact with mental health services in settled accommodation "
      "(ASCOF 1H)", P, "High", "Snapshot", "MH_SETTLED_ACCOM", "MH_CLIENTS_CPA", 65, 55,
      "Adults on the Care Programme Approach with secondary mental health services who live in settled "
      "accommodation, at the end of the latest quarter (the mental health trust reports quarterly).",
      benchmark=(57.0, ASCOF), frequency="Quarterly"),
    M("AS22", AS_AREAS[5], "Social care-related quality of life score (ASCOF 1A)", "Score", "High",
      "Snapshot", "ASCS_QOL_SCORE_SUM", "ASCS_RESPONDENTS", 19.0, 18.5,
      "Average social care-related quality of life score (out of 24) from the latest annual adult social "
      "care survey.", multiplier=1, decimals=1, benchmark=(18.7, ASCOF), frequency="Annual"),
    M("AS23", AS_AREAS[5], "% service users extremely or very satisfied with care and support (ASCOF 3A)",
      P, "High", "Snapshot", "ASCS_VERY_SATISFIED", "ASCS_RESPONDENTS", 65, 60,
      "Respondents to the latest annual adult social care survey who were extremely or very satisfied "
      "with their care and support.", benchmark=(62.8, ASCOF), frequency="Annual"),
    M("AS24", AS_AREAS[5], "Average weeks from referral to service for occupational therapy", "Number",
      "Low", "Month", "OT_WEEKS_TOTAL", "OT_SERVICES_STARTED", 4, 6,
      "Average number of weeks from referral to the start of an occupational therapy service, for "
      "services started in the month.", multiplier=1, decimals=1),
]
MEASURE = {m.ref: m for m in MEASURES}

SCORECARDS = [("Adults", "Adult Social Care Dashboard", "Dashboard", "B"),
              ("Children", "Children's Social Care Scorecard", "Scorecard", "C")]

# The committee report the default pack stands in for (docs/CONTRACT.md section 2, the Report sheet).
REPORT = [
    ("Committee", "Social Care and Public Health Cabinet Committee"),
    ("Meeting date", dt.date(2012, 7, 12)),
    ("Status", "Draft"),
    ("Classification", "Unrestricted"),
    ("Contact", "Steph Abbott; Head of Performance for Adult Social Care; 01622 221796; "
                "steph.abbott@kent.gov.uk"),
    ("Contact", "Maureen Robinson; Management Information Service Manager for Children's Services; "
                "01622 696328; Maureen.robinson@kent.gov.uk"),
    ("Contact", "Anthony Mort; Policy Manager; 01622 696363; Anthony.mort@kent.gov.uk"),
    ("Email to", "cabinet.committee.members@example.gov.uk"),
    ("Email to", "democratic.services@example.gov.uk"),
    ("Email cc", "performance.team@example.gov.uk"),
    ("Source note", "The figures are illustrative, made up for this example: they are not Kent's data."),
    ("Paper", "A4"),
]


# --------------------------------------------------------------------------- the story, by construction

# Figures chosen for April and May 2012 (ref -> (April, May)). For Month, Snapshot and YTD
# measures they are the month-alone figures; for Rolling 12 the 12-month figures. The
# numerator of each measure is set to give them (after its denominator has been set).
TUNING: dict[str, tuple] = {
    "CH01": (471.0, 473.6), "CH07": (176.0, 177.5), "CH08": (41.3, 40.5), "CH09": (53.9, 53.6),
    "CH03": (75.2, 73.0), "CH05": (24.6, 23.3), "CH11": (95.8, 97.1), "CH12": (81.5, 84.0),
    "CH13": (80.4, 83.2), "CH14": (90.6, 93.5), "CH15": (97.9, 98.8), "CH16": (95.3, 96.6),
    "CH17": (624, 617), "CH18": (205, 201), "CH19": (68.8, 72.7), "CH20": (8.1, 7.2),
    "CH21": (95.6, 96.3), "CH22": (93.8, 95.4), "CH23": (97.1, 96.8), "CH24": (99.7, 100.0),
    "CH25": (99.9, 100.0), "CH26": (89.5, 90.6), "CH27": (93.2, 94.1), "CH28": (95.1, 96.2),
    "CH29": (28.4, 23.5), "CH33": (8.4, 8.7), "CH34": (11.4, 11.5), "CH35": (67.0, 67.6),
    "CH36": (57.3, 57.9), "CH37": (87.2, 87.6), "CH38": (12.6, 12.3), "CH39": (77.9, 78.3),
    "CH41": (13.6, 13.9), "CH42": (9.1, 8.8), "CH43": (17.6, 17.8), "CH44": (93.4, 94.2),
    "AS01": (58.9, 60.0), "AS02": (11.8, 12.0), "AS03": (768, 766), "AS04": (56.2, 56.8),
    "AS05": (83.6, 83.9), "AS06": (14.3, 14.0), "AS07": (668.3, 662.6), "AS08": (10.6, 11.5),
    "AS09": (3.3, 3.6), "AS10": (3236, 3318), "AS11": (87.9, 88.8), "AS12": (91.2, 92.0),
    "AS13": (69.4, 68.9), "AS14": (512, 518), "AS15": (91.0, 92.4), "AS17": (86.4, 87.1),
    "AS18": (7.0, 7.1), "AS19": (76.4, 76.9), "AS24": (3.9, 3.6),
}
# Quarterly measures have no April or May figure: their story is set at the quarter ends
# (ref -> (December 2011, March 2012)); May 2012 shows March's figure, compared with December's.
QUARTER_TUNING: dict[str, tuple] = {"AS20": (8.1, 8.3), "AS21": (66.2, 66.5)}
# An April 2012 figure corrected after the April pack went out (ref -> the month-alone figure
# the April pack published): the returns now hold the corrected figure of TUNING, so May's
# pack marks April's figure as revised.
FIRST_PUBLISHED: dict[str, float] = {"CH44": 91.0}  # supervisions recorded late in April
# A measure with exactly one small district count (1 to 5) in May 2012 (ref -> district):
# every other district's count over the measure's window is kept at 6 or more, so hiding the
# small one also needs the next smallest hidden (secondary suppression). Other district
# measures (e.g. CH30's repeat plans) have several small districts: primary suppression only.
SMALL_DISTRICT: dict[str, str] = {"CH33": "Sevenoaks"}
# Small cohorts where the exact counts matter more than a rate: field -> (April, May).
FIXED: dict[str, tuple[int, int]] = {
    "CP_PLANS_STARTED": (112, 107), "CP_PLANS_STARTED_REPEAT": (27, 21),   # CH30 24.1% -> 19.6%
    "ADOPT_PLACED": (9, 9), "ADOPT_PLACED_12M": (5, 6),                    # CH31 55.6% -> 66.7%
    "LAC_CEASED": (72, 76), "LAC_CEASED_ADOPTED": (7, 11),                 # CH32 9.7% -> 14.5%
    "LAC_CEASED_SGO_RO": (5, 7),                                           # CH40 6.9% -> 9.2%
    "SG_ALERTS": (412, 446),
}

G, A, R = "Green", "Amber", "Red"
IMP, WOR, NOC, UP, DOWN = "Improving", "Worsening", "No change", "Up", "Down"
# The May 2012 position every measure must reach: ref -> (RAG, direction of travel).
EXPECTED: dict[str, tuple[str, str | None]] = {
    "CH01": (A, IMP), "CH02": ("", None), "CH03": (A, IMP), "CH04": (G, NOC), "CH05": (A, IMP),
    "CH06": (G, NOC), "CH07": (G, NOC), "CH08": (G, NOC), "CH09": (G, NOC), "CH10": ("", None),
    "CH11": (G, IMP), "CH12": (G, IMP), "CH13": (G, IMP), "CH14": (G, IMP), "CH15": (A, IMP),
    "CH16": (G, IMP), "CH17": (G, IMP), "CH18": (G, IMP),
    "CH19": (A, IMP), "CH20": (A, IMP), "CH21": (G, IMP), "CH22": (G, IMP), "CH23": (G, WOR),
    "CH24": (G, IMP), "CH25": (G, IMP), "CH26": (G, IMP), "CH27": (A, IMP), "CH28": (G, IMP),
    "CH29": (R, IMP), "CH30": (R, IMP), "CH31": (R, IMP), "CH32": (A, IMP), "CH33": (R, WOR),
    "CH34": (A, WOR), "CH35": (A, IMP), "CH36": (A, IMP), "CH37": (A, IMP), "CH38": (A, IMP),
    "CH39": (A, IMP), "CH40": (A, IMP),
    "CH41": (A, WOR), "CH42": (G, IMP), "CH43": (G, WOR), "CH44": (A, IMP),
    "AS01": (G, IMP), "AS02": (A, IMP), "AS03": (G, IMP), "AS04": (G, IMP), "AS05": (A, IMP),
    "AS06": (G, IMP), "AS07": (A, IMP), "AS08": (R, WOR), "AS09": (A, WOR), "AS10": (G, IMP),
    "AS11": (A, IMP), "AS12": (G, IMP), "AS13": (R, WOR), "AS14": (G, IMP), "AS15": (G, IMP),
    "AS16": ("", UP), "AS17": (G, IMP), "AS18": (A, IMP), "AS19": (G, IMP), "AS20": (A, IMP),
    "AS21": (G, IMP), "AS22": (A, IMP), "AS23": (G, IMP), "AS24": (G, IMP),
}
# Month-alone RAG levels in April and May 2012 that the committee report describes (section 4.5).
MONTH_LEVELS = {"CH29": (R, A), "CH30": (R, R), "CH31": (R, R), "CH32": (R, A)}


# --------------------------------------------------------------------------- generating the county series

def _level(spec_from, spec_to, idx: int) -> float:
    """Straight line from April 2010 to March 2012, carried on beyond."""
    return spec_from + (spec_to - spec_from) * idx / MAR12


def generate(rng: random.Random) -> dict[str, list]:
    """County series per field, April 2010 to May 2012, before the story is set."""
    series: dict[str, list] = {}
    rolling = {MEASURE[r].numerator: r for r in TUNING if MEASURE[r].basis == "Rolling 12"}
    pending = list(FIELDS.values())
    while pending:
        for f in list(pending):
            parent = (f.ratio or f.per or (None,))[0]
            if parent is not None and parent not in series:
                continue
            pending.remove(f)
            if f.code.startswith("ASCS_"):
                series[f.code] = survey_series(f.code)
            elif f.volume:
                series[f.code] = volume_series(rng, f)
            else:
                series[f.code] = share_series(rng, f, series[parent])
            if f.code in rolling:  # before any field that hangs off it is generated
                calibrate(series, MEASURE[rolling[f.code]], TUNING[rolling[f.code]][0])
    return series


def volume_series(rng: random.Random, f: Field) -> list[int]:
    start, end, noise = f.volume
    out, drift = [], 0.0
    for i, month in enumerate(MONTHS):
        level = _level(start, end, i) * (SEASON[month.month] if f.seasonal else 1.0)
        if f.stock:  # a stock wanders slowly rather than jumping about
            drift = 0.7 * drift + rng.gauss(0, noise)
            value = level * (1 + drift)
        else:
            value = level * (1 + rng.gauss(0, noise))
        out.append(max(1, round(value)))
    return out


def share_series(rng: random.Random, f: Field, parent: list) -> list[int]:
    spec = f.ratio or f.per
    _, start, end, noise = spec
    out, drift = [], 0.0
    for i, base in enumerate(parent):
        drift = (0.6 * drift + rng.gauss(0, noise)) if f.stock else rng.gauss(0, noise)
        share = _level(start, end, i) + drift
        if f.ratio:
            share = min(max(share, 0.0), 1.0)
            out.append(min(base, max(0, round(base * share))))
        else:
            out.append(max(0, round(base * share)))
    return out


def survey_series(code: str) -> list[int]:
    out = []
    for i in range(N_MONTHS):
        _, respondents, score, satisfied = [s for s in SURVEYS if s[0] <= i][-1]
        value = {"ASCS_RESPONDENTS": respondents,
                 "ASCS_QOL_SCORE_SUM": score * respondents,
                 "ASCS_VERY_SATISFIED": satisfied * respondents / 100}[code]
        out.append(round(value))
    return out


PERIOD_LENGTH = {"Monthly": 1, "Quarterly": 3, "Annual": 12}


def reported_months(frequency: str) -> list[int]:
    """Month indices in which a measure of this frequency has figures (contract section 3)."""
    if frequency == "Quarterly":
        return [i for i, month in enumerate(MONTHS) if month.month in (6, 9, 12, 3)]
    if frequency == "Annual":
        return [first for first, *_ in SURVEYS]
    return list(range(N_MONTHS))


def field_frequency(code: str) -> str:
    """A field is entered as often as the measures built on it get a figure."""
    kinds = {m.frequency for m in MEASURES if code in (m.numerator, m.denominator)}
    assert len(kinds) <= 1, (code, kinds)
    return kinds.pop() if kinds else "Monthly"


def running_count(m: Measure) -> bool:
    return m.basis == "YTD" and m.denominator is None


def shown_month(m: Measure, idx: int) -> int | None:
    """The month whose figure is the headline for month idx: the latest figure no older than
    one period (section 6, Quarterly and Annual measures); idx itself for a monthly measure."""
    if m.frequency == "Monthly":
        return idx
    assert m.basis == "Snapshot", m.ref  # windows over quarterly figures are not modelled here
    months = [i for i in reported_months(m.frequency) if idx - PERIOD_LENGTH[m.frequency] < i <= idx]
    return months[-1] if months else None


def comparison_month(m: Measure, idx: int) -> int | None:
    """Compare with left blank: a running count with the same month last year, a quarterly or
    annual measure with its previous period, every other measure with the previous month."""
    if running_count(m):
        return idx - 12
    if m.frequency != "Monthly":
        shown = shown_month(m, idx)
        earlier = [i for i in reported_months(m.frequency) if shown is not None and i < shown]
        return earlier[-1] if earlier else None
    return idx - 1


def window(m: Measure, idx: int, basis: str | None = None) -> list[int] | None:
    basis = basis or m.basis
    if basis in ("Month", "Snapshot"):
        return [idx]
    if basis == "YTD":
        return list(range(fy_start(idx), idx + 1))
    return list(range(idx - 11, idx + 1)) if idx >= 11 else None


def exact_figure(series, m: Measure, idx: int, basis: str | None = None) -> Fraction | None:
    """The unrounded figure: ratio of sums over the window, times the multiplier."""
    months = window(m, idx, basis)
    if months is None:
        return None
    num = sum(Fraction(series[m.numerator][i]) for i in months)
    if m.denominator is None:
        return num * (m.multiplier or 1)
    if isinstance(m.denominator, str):
        den = sum(Fraction(series[m.denominator][i]) for i in months)
    else:
        den = Fraction(m.denominator)
    return None if den == 0 else num * m.mult / den


def set_numerator(series, m: Measure, idx: int, wanted) -> None:
    """Choose the numerator at month idx so that the figure (month-alone for Month, Snapshot
    and YTD; 12-month for Rolling 12) comes as close as it can to `wanted`."""
    basis = "Rolling 12" if m.basis == "Rolling 12" else "Month"
    months = window(m, idx, basis)
    others = sum(Fraction(series[m.numerator][i]) for i in months if i != idx)
    if m.denominator is None:
        total = Fraction(str(wanted)) / (m.multiplier or 1)
    else:
        den = (sum(Fraction(series[m.denominator][i]) for i in months)
               if isinstance(m.denominator, str) else Fraction(m.denominator))
        total = Fraction(str(wanted)) * den / m.mult
    value = math.floor(total - others + Fraction(1, 2))
    limit = series[m.denominator][idx] if isinstance(m.denominator, str) and m.unit == "%" else None
    assert value >= 0 and (limit is None or value <= limit), (
        f"{m.ref}: cannot reach {wanted} at {MONTHS[idx]:%b %Y} (would need {value}, limit {limit})")
    series[m.numerator][idx] = value


def calibrate(series, m: Measure, level) -> None:
    """Scale a Rolling 12 numerator's history so its 12 months to March 2012 sit at `level`:
    the tuned April and May then follow the trend instead of jumping to meet it."""
    now = exact_figure(series, m, MAR12)
    factor = Fraction(str(level)) / now
    cap = series[m.denominator] if isinstance(m.denominator, str) and m.unit == "%" else None
    values = series[m.numerator]
    for i in range(N_MONTHS):
        scaled = round(values[i] * factor)
        values[i] = min(scaled, cap[i]) if cap else scaled


# Measures are tuned in this order so a denominator is settled before its numerator.
def tuning_order() -> list[str]:
    numerators = {MEASURE[r].numerator for r in TUNING}
    order, done = [], set()
    pending = list(TUNING)
    while pending:
        for ref in list(pending):
            den = MEASURE[ref].denominator
            if isinstance(den, str) and den in numerators and den not in done:
                continue
            pending.remove(ref)
            order.append(ref)
            done.add(MEASURE[ref].numerator)
    return order


def set_story(series) -> None:
    for code, (april, may) in FIXED.items():
        series[code][APR12], series[code][MAY12] = april, may
    for ref in tuning_order():
        m = MEASURE[ref]
        april, may = TUNING[ref]
        set_numerator(series, m, APR12, april)
        set_numerator(series, m, MAY12, may)
    for ref, (december, march) in QUARTER_TUNING.items():
        set_numerator(series, MEASURE[ref], MAR12 - 3, december)
        set_numerator(series, MEASURE[ref], MAR12, march)


def first_published(series) -> dict[str, list]:
    """The series as the April 2012 pack saw them, before the corrections of FIRST_PUBLISHED."""
    before = {code: list(values) for code, values in series.items()}
    for ref, april in FIRST_PUBLISHED.items():
        set_numerator(before, MEASURE[ref], APR12, april)
    return before


# --------------------------------------------------------------------------- the rules (contract section 6)

def round_half_away(x: Fraction, decimals: int) -> Fraction:
    """fscxl's own rounding (half away from zero on the exact value), kept as a Fraction here."""
    return Fraction(rules.round_figure(x, decimals))


def num(x) -> Fraction | None:
    return None if x is None else Fraction(str(x))


def year_targets(m: Measure, year: str) -> tuple:
    """(Target, Floor, Target upper, Floor upper, phased) as the Targets sheet gives them."""
    prev = m.previous if year == "2011/12" else {}
    target, floor = prev.get("target", m.target), prev.get("floor", m.floor)
    phased = prev.get("phased") if year == "2011/12" else m.phased
    t_up = f_up = None
    if isinstance(target, tuple):
        (target, t_up), (floor, f_up) = target, floor
    return target, floor, t_up, f_up, phased


def targets_for(m: Measure, idx: int):
    """(T, F, T upper, F upper) for the month: the phased target where one is given; the
    phased floor where one is given, else a running count's floor pro-rated with its phased
    target (F = Floor x T / Target), else the year-end floor."""
    year = "2012/13" if idx >= APR12 else "2011/12"
    target, floor, t_up, f_up, phased = year_targets(m, year)
    k = (MONTHS[idx].month - 4) % 12
    month_target, month_floor = num(target), num(floor)
    if phased and phased[k] is not None:
        month_target = num(phased[k])
        if running_count(m) and month_floor is not None and target:
            month_floor = month_floor * month_target / num(target)
    if phased_floors(m, year)[k] is not None:
        month_floor = num(phased_floors(m, year)[k])
    return month_target, month_floor, num(t_up), num(f_up)


def _decimal(x: Fraction | None) -> Decimal | None:
    return None if x is None else Decimal(x.numerator) / Decimal(x.denominator)


def rag(m: Measure, v: Fraction | None, idx: int) -> str:
    """fscxl's own RAG rule, so the story checked here is the one the run will tell."""
    t, f, tu, fu = (_decimal(x) for x in targets_for(m, idx))
    return rules.rag(_decimal(v), m.polarity, t, f, tu, fu) or ""


def direction(m: Measure, now: Fraction | None, before: Fraction | None, idx: int) -> str | None:
    """fscxl's own direction of travel."""
    t, _, tu, _ = (_decimal(x) for x in targets_for(m, idx))
    return rules.direction(_decimal(now), _decimal(before), m.polarity, t, tu)


@dataclass
class Result:
    ref: str
    value: Fraction | None
    month_value: Fraction | None
    rag: str
    comparison: Fraction | None
    direction: str | None
    target: Fraction | None


def figure(series, m: Measure, idx: int | None, basis: str | None = None) -> Fraction | None:
    shown = None if idx is None else shown_month(m, idx)
    exact = None if shown is None else exact_figure(series, m, shown, basis)
    return None if exact is None else round_half_away(exact, m.dec)


def result(series, m: Measure, idx: int) -> Result:
    value = figure(series, m, idx)
    comparison = figure(series, m, comparison_month(m, idx))
    month_value = figure(series, m, idx, "Month") if m.frequency == "Monthly" else None
    return Result(m.ref, value, month_value, rag(m, value, idx), comparison,
                  direction(m, value, comparison, idx), targets_for(m, idx)[0])


def show(x: Fraction | None, decimals: int) -> str:
    if x is None:
        return ""
    return f"{float(x):.{decimals}f}"


# --------------------------------------------------------------------------- checks

def check_consistency(series) -> None:
    """Counts that must hang together in every month: parts never exceed their whole."""
    for code, values in series.items():
        assert len(values) == N_MONTHS and all(v >= 0 for v in values), code
    for m in MEASURES:
        if isinstance(m.denominator, str) and m.unit == "%":
            for i in range(N_MONTHS):
                assert series[m.numerator][i] <= series[m.denominator][i], (m.ref, MONTHS[i])
    for f in FIELDS.values():
        parent = f.ratio[0] if f.ratio else None
        for whole in filter(None, (parent, *f.within)):
            for i in range(N_MONTHS):
                assert series[f.code][i] <= series[whole][i], (f.code, whole, MONTHS[i])
    sums = [(("LAC_CEASED_ADOPTED", "LAC_CEASED_SGO_RO"), "LAC_CEASED"),
            (("SW_POSTS_AGENCY", "SW_POSTS_VACANT"), "SW_POSTS_ESTAB"),
            (("IA_DONE",), "REF_RCVD"), (("S47_STARTED",), "REF_RCVD"),
            (("DTOC_SOCIAL_CARE",), "DTOC_DELAYED"), (("DP_CLIENTS",), "SDS_CLIENTS"),
            (("LAC_REV_IN_TIME",), "LAC_REV_HELD"), (("LAC_REV_HELD",), "LAC_REV_DUE")]
    for parts, whole in sums:
        for i in range(N_MONTHS):
            assert sum(series[p][i] for p in parts) <= series[whole][i], (parts, whole, MONTHS[i])
    # What the story set for April and May 2012 must look like the months before it.
    for ref in TUNING:
        code = MEASURE[ref].numerator
        recent = series[code][MAR12 - 11:MAR12 + 1]
        mean = sum(recent) / len(recent)
        for idx in (APR12, MAY12):
            assert 0.6 * mean <= series[code][idx] <= 1.5 * mean or mean < 20, (
                f"{code} in {MONTHS[idx]:%b %Y} is {series[code][idx]}, against a recent mean of {mean:.0f}")


def check_story(series) -> dict[str, Result]:
    """Recompute May 2012 with the contract's rules and assert the committee report's story."""
    may = {m.ref: result(series, m, MAY12) for m in MEASURES}
    april = {m.ref: result(series, m, APR12) for m in MEASURES}
    problems = []
    for ref, (want_rag, want_dir) in EXPECTED.items():
        got = may[ref]
        if got.rag != want_rag or (want_dir is not None and got.direction != want_dir):
            problems.append(f"{ref}: expected {want_rag or 'no RAG'}/{want_dir}, got "
                            f"{got.rag or 'no RAG'}/{got.direction} (value {show(got.value, 1)}, "
                            f"previous {show(got.comparison, 1)}, target {show(got.target, 1)})")
    assert not problems, "The story does not hold:\n  " + "\n  ".join(problems)
    for m in MEASURES:  # the figures the story rests on sit clear of a rounding tie
        months = [(shown_month(m, idx), None) for idx in (MAY12, APR12)]
        months += [(idx, "Month") for idx in (MAY12, APR12) if m.frequency == "Monthly"]
        for idx, basis in months:
            exact = None if idx is None else exact_figure(series, m, idx, basis)
            assert exact is None or (exact * 10 ** m.dec) % 1 != Fraction(1, 2), (m.ref, idx, exact)

    def of(area):
        return [may[m.ref] for m in MEASURES if m.area == area]

    outcomes = of(CH_AREAS[3])
    assert [r.rag for r in outcomes].count(A) == 8 and [r.rag for r in outcomes].count(R) == 4
    assert {r.ref for r in outcomes if r.rag == R} == {"CH29", "CH30", "CH31", "CH33"}
    assert [r.direction for r in outcomes].count(IMP) >= 8
    for ref, (in_april, in_may) in MONTH_LEVELS.items():
        m = MEASURE[ref]
        assert rag(m, april[ref].month_value, APR12) == in_april, (ref, "April", april[ref].month_value)
        assert rag(m, may[ref].month_value, MAY12) == in_may, (ref, "May", may[ref].month_value)
    for ref in ("CH30", "CH31"):  # still red, but better in May than in April
        better = (may[ref].month_value < april[ref].month_value if MEASURE[ref].polarity == "Low"
                  else may[ref].month_value > april[ref].month_value)
        assert better, ref
    assert may["CH32"].rag == A
    assert Fraction(470) <= may["CH01"].value < Fraction(480)
    assert may["CH03"].value > 70 and may["CH05"].value > 22
    timescales = of(CH_AREAS[1])
    assert [r.rag for r in timescales].count(G) == 7 and all(r.direction == IMP for r in timescales)
    assert may["CH19"].rag != G and may["CH20"].rag != G and may["CH41"].rag == A
    assert may["AS01"].rag == G and may["AS01"].value < 70
    assert may["AS01"].target == num(MEASURE["AS01"].phased[1])
    adults = [may[m.ref].rag for m in MEASURES if m.scorecard == "Adults"]
    assert 2 <= adults.count(R) <= 4 and may["AS16"].rag == ""
    return may


def check_revisions(series) -> None:
    """Each corrected April figure was published differently, and May's story does not rest
    on the figure April's pack showed."""
    before = first_published(series)
    for ref in FIRST_PUBLISHED:
        m = MEASURE[ref]
        published, now = result(before, m, APR12).value, result(series, m, APR12).value
        assert published != now, (ref, published, now)
        assert result(before, m, MAY12).value == result(series, m, MAY12).value, ref


# --------------------------------------------------------------------------- writing workbooks

def new_workbook(path: Path) -> xlsxwriter.Workbook:
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    book.set_properties({"author": "Kent County Council, Families and Social Care",
                         "company": "Kent County Council", "created": FIXED_CREATED})
    return book


def header_cell(sheet, row, col, month: dt.date, style: str, fmt_date) -> None:
    if style == "date":
        sheet.write_datetime(row, col, dt.datetime(month.year, month.month, 1), fmt_date)
    elif style == "month_end":
        nxt = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
        sheet.write_datetime(row, col, dt.datetime.combine(nxt - dt.timedelta(days=1), dt.time()),
                             fmt_date)
    elif style == "text":
        sheet.write_string(row, col, month.strftime("%b-%y"))
    else:
        sheet.write_string(row, col, month.strftime("%B %Y"))


def split_districts(rng: random.Random, series, codes: list[str]) -> dict[str, list[list[int]]]:
    """Split each county figure over the 12 districts so they add up exactly, with every
    part kept within its whole district by district (e.g. re-referrals within referrals)."""
    out: dict[str, list[list[int]]] = {}
    pending = list(codes)
    while pending:
        for code in list(pending):
            f = FIELDS[code]
            wholes = [w for w in ((f.ratio or f.per or (None,))[0], *f.within) if w in codes]
            if any(w not in out for w in wholes):
                continue
            pending.remove(code)
            parts = []
            for i in range(N_MONTHS):
                caps = None
                if f.ratio or f.within:
                    caps = [min(out[w][i][d] for w in wholes) for d in range(12)] if wholes else None
                base = out[wholes[0]][i] if wholes else DISTRICT_WEIGHTS
                weights = [max(b, 0.01) * (1 + rng.gauss(0, 0.04 if f.stock else 0.08)) for b in base]
                parts.append(allocate(series[code][i], weights, caps))
            out[code] = parts
    return out


def allocate(total: int, weights: list[float], caps: list[int] | None) -> list[int]:
    """Largest-remainder split of `total` in proportion to `weights`, never above `caps`."""
    n = len(weights)
    alloc = [0] * n
    while True:
        left = total - sum(alloc)
        open_ = [d for d in range(n) if caps is None or alloc[d] < caps[d]]
        if left == 0:
            return alloc
        assert open_, "cannot split within the caps"
        weight = sum(weights[d] for d in open_)
        shares = {d: left * weights[d] / weight for d in open_}
        added = 0
        for d in open_:
            add = int(shares[d])
            if caps is not None:
                add = min(add, caps[d] - alloc[d])
            alloc[d] += add
            added += add
        if added == 0:
            for d in sorted(open_, key=lambda d: shares[d] - int(shares[d]), reverse=True):
                if total - sum(alloc) == 0:
                    break
                alloc[d] += 1


def write_return(root: Path, key: str, series, rng: random.Random) -> None:
    ret = RETURNS[key]
    codes = [c for c, f in FIELDS.items() if f.ret == key]
    book = new_workbook(root / "returns" / ret.path)
    bold = book.add_format({"bold": True, "font_size": 14})
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                            "align": "center"})
    head_date = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                 "num_format": "mmm-yy", "align": "center"})
    value_fmt = book.add_format({"num_format": "#,##0", "border": 1})
    text_fmt = book.add_format({"border": 1})
    by_district = split_districts(rng, series, codes) if ret.districts else None
    for ref, district in SMALL_DISTRICT.items():
        if by_district is not None and MEASURE[ref].numerator in by_district:
            f = FIELDS[MEASURE[ref].numerator]
            wholes = [by_district[w] for w in ((f.ratio or f.per or (None,))[0], *f.within) if w]
            keep_one_district_small(MEASURE[ref], by_district[f.code], DISTRICTS.index(district), wholes)

    if ret.by_year:
        sheets = [(f"{y}-{(y + 1) % 100:02d}", [dt.date(y + (k + 3) // 12, (k + 3) % 12 + 1, 1)
                                                  for k in range(12)], codes)
                  for y in (2010, 2011, 2012)]
    else:
        sheets = [(name, ALL_COLUMNS, [c for c in codes
                                       if len(ret.sheets) == 1 or FIELDS[c].sheet == name])
                  for name in ret.sheets]
    assert sorted(c for _, _, sheet_codes in sheets[:1 if ret.by_year else None]
                  for c in sheet_codes) == sorted(codes), f"{ret.path}: a field is on no sheet"

    for name, months, sheet_codes in sheets:
        sheet = book.add_worksheet(name)
        titles = [ret.title, "Figures to end of May 2012", *ret.notes, ""]
        for r, text in enumerate(titles):
            if text:
                sheet.write_string(r, 0, text, bold if r == 0 else None)
        hr = len(titles)
        columns = ["Code", "Description"] + (["District"] if ret.districts else [])
        for c, text in enumerate(columns):
            sheet.write_string(hr, c, text, head)
        first = len(columns)
        for c, month in enumerate(months):
            header_cell(sheet, hr, first + c, month, ret.headers, head_date)
        row = hr + 1
        for code in sheet_codes:
            for d in (range(12) if ret.districts else [None]):
                sheet.write_string(row, 0, code, text_fmt)
                sheet.write_string(row, 1, FIELDS[code].description, text_fmt)
                if d is not None:
                    sheet.write_string(row, 2, DISTRICTS[d], text_fmt)
                entered = set(reported_months(field_frequency(code)))
                for c, month in enumerate(months):
                    if month not in MONTHS or MONTHS.index(month) not in entered:
                        continue  # not yet reported, or no figure due that month: left blank
                    i = MONTHS.index(month)
                    value = series[code][i] if d is None else by_district[code][i][d]
                    sheet.write_number(row, first + c, value, value_fmt)
                row += 1
        sheet.set_column(0, 0, 26)
        sheet.set_column(1, 1, 58)
        if ret.districts:
            sheet.set_column(2, 2, 22)
        sheet.set_column(first, first + len(months) - 1, 9)
        sheet.freeze_panes(hr + 1, first)
    if key == "lac":
        write_hidden_working_sheet(book, series, head, value_fmt)
    book.close()


def district_counts(m: Measure, parts: list[list[int]]) -> list[int]:
    """Each district's count over the measure's May 2012 window."""
    return [sum(parts[i][d] for i in window(m, MAY12)) for d in range(len(DISTRICTS))]


def keep_one_district_small(m: Measure, parts: list[list[int]], small: int,
                            wholes: list[list[list[int]]]) -> None:
    """Move counts between districts within a month of the measure's May 2012 window (each
    month's county total is unchanged, and no district's count passes its whole, e.g. plans
    ended) until the district `small` has a count from 1 to 5 over the window and every other
    district 6 or more. Only for a field no other field is split within."""
    assert not any(m.numerator in (f.ratio or f.per or (None,))[:1] + f.within
                   for f in FIELDS.values()), m.ref
    while True:
        total = district_counts(m, parts)
        largest = max(range(len(DISTRICTS)), key=lambda d: (total[d], -d))
        if total[small] > 5:
            giver, taker = small, largest
        elif total[small] < 1:
            giver, taker = largest, small
        else:
            short = [d for d in range(len(DISTRICTS)) if d != small and total[d] < 6]
            if not short:
                return
            giver, taker = largest, short[0]
        room = [i for i in window(m, MAY12) if parts[i][giver] > 0
                and all(parts[i][taker] < whole[i][taker] for whole in wholes)]
        assert room and giver != taker, (m.ref, DISTRICTS[giver], DISTRICTS[taker])
        month = max(room, key=lambda i: (parts[i][giver], i))
        parts[month][giver] -= 1
        parts[month][taker] += 1


def write_hidden_working_sheet(book, series, head, value_fmt) -> None:
    """An analyst's hidden scratch sheet of provisional figures: not data, must not be read."""
    sheet = book.add_worksheet("Working")
    sheet.write_string(0, 0, "Provisional figures before validation - do not use")
    for c, text in enumerate(["Code", "Description", *[m.strftime("%b-%y") for m in MONTHS[-6:]]]):
        sheet.write_string(2, c, text, head)
    for r, code in enumerate(["LAC_OPEN", "LAC_FOSTERED", "ADOPT_PLACED", "LAC_CEASED_ADOPTED"]):
        sheet.write_string(3 + r, 0, code)
        sheet.write_string(3 + r, 1, "provisional")
        for c, i in enumerate(range(N_MONTHS - 6, N_MONTHS)):
            sheet.write_number(3 + r, 2 + c, series[code][i] + 3 + c, value_fmt)
    sheet.hide()


def phased_floors(m: Measure, year: str) -> list:
    """Floor Apr..Floor Mar: given only for a month whose phased target is better than the year-end
    floor, and then equal to that target, so the minimum standard is never above the target
    (contract section 2, Consistency). Each month's colour is what it was with the year-end floor,
    so the story's rules above need not read them. A running count needs none: its floor is
    pro-rated with its phased target."""
    target, floor, _, _, phased = year_targets(m, year)
    running_count = m.basis == "YTD" and m.denominator is None
    if not phased or floor is None or m.polarity not in ("High", "Low") or running_count:
        return [None] * 12
    wrong = (lambda t: floor > t) if m.polarity == "High" else (lambda t: floor < t)
    return [t if t is not None and wrong(t) else None for t in phased]


def write_measures(root: Path) -> None:
    book = new_workbook(root / "measures.xlsx")
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Measures")
    headers = ["Ref", "Scorecard", "Area", "Title", "Definition", "Unit", "Polarity", "Basis",
               "Numerator", "Denominator", "Multiplier", "Decimals", "Compare with", "Corporate",
               "Frequency", "Source return"]
    sheet.write_row(0, 0, headers, head)
    for r, m in enumerate(MEASURES, start=1):
        fields = [c for c in (m.numerator, m.denominator) if isinstance(c, str)]
        source = "; ".join(dict.fromkeys(f"returns/{RETURNS[FIELDS[c].ret].path}" for c in fields))
        row = [m.ref, m.scorecard, m.area, m.title, m.definition, m.unit, m.polarity, m.basis,
               m.numerator, m.denominator, m.multiplier, m.decimals, None, "Y" if m.corporate else None,
               m.frequency, source]
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, (int, float)):
                sheet.write_number(r, c, value)
            else:
                sheet.write_string(r, c, value, wrap if c in (3, 4) else None)
    for c, width in enumerate([6, 10, 30, 50, 60, 15, 9, 11, 28, 24, 10, 9, 14, 10, 11, 48]):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, 1)

    sheet = book.add_worksheet("Targets")
    headers = ["Ref", "Year", "Target", "Floor", "Target upper", "Floor upper", "Benchmark",
               "Benchmark source", *MONTH_ABBR, *(f"Floor {month}" for month in MONTH_ABBR)]
    sheet.write_row(0, 0, headers, head)
    r = 1
    for year in ("2011/12", "2012/13"):
        for m in MEASURES:
            target, floor, t_up, f_up, phased = year_targets(m, year)
            bench, source = m.benchmark or (None, None)
            row = [m.ref, year, target, floor, t_up, f_up, bench, source, *(phased or [None] * 12),
                   *phased_floors(m, year)]
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (int, float)):
                    sheet.write_number(r, c, value)
                else:
                    sheet.write_string(r, c, value)
            r += 1
    sheet.set_column(0, 1, 8)
    sheet.set_column(2, 6, 10)
    sheet.set_column(7, 7, 52)
    sheet.freeze_panes(1, 2)

    sheet = book.add_worksheet("Scorecards")
    sheet.write_row(0, 0, ["Scorecard", "Title", "Layout", "Appendix"], head)
    for r, row in enumerate(SCORECARDS, start=1):
        sheet.write_row(r, 0, row)
    sheet.set_column(0, 0, 12)
    sheet.set_column(1, 1, 36)

    sheet = book.add_worksheet("Report")
    sheet.write_row(0, 0, ["Setting", "Value"], head)
    date_format = book.add_format({"num_format": "dd/mm/yyyy", "align": "left"})
    for r, (setting, value) in enumerate(REPORT, start=1):
        sheet.write_string(r, 0, setting)
        if isinstance(value, dt.date):
            sheet.write_datetime(r, 1, dt.datetime(value.year, value.month, value.day), date_format)
        else:
            sheet.write_string(r, 1, value)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 90)
    book.close()


# --------------------------------------------------------------------------- commentary

def adult_commentary(may: dict[str, Result], april: dict[str, Result]) -> list[tuple[str, dt.date, str]]:
    """An officer's words on every adults' measure for May 2012 (and a few for April),
    written from the figures so the words never contradict the numbers."""

    def v(ref, res=may):
        return show(res[ref].value, MEASURE[ref].dec)

    def c(ref, res=may):  # the figure the direction of travel compares with
        return show(res[ref].comparison, MEASURE[ref].dec)

    def t(ref, res=may):
        return show(res[ref].target, MEASURE[ref].dec)

    def n(ref, res=may):  # whole numbers with thousands separators
        return f"{int(res[ref].value):,}"

    pt = lambda ref, res=may: f"{int(res[ref].target):,}"  # noqa: E731
    may_text = {
        "AS01": f"Performance remains ahead of the phased target of {t('AS01')}% at {v('AS01')}%, up from "
                f"{v('AS01', april)}% in April. Personal budgets are now offered at every review, and the "
                "year-end target of 70% remains achievable as the review programme catches up.",
        "AS02": f"Direct payments have risen to {v('AS02')}% but remain just below the phased target of "
                f"{t('AS02')}%. A simpler direct payment agreement and a pre-paid card are being "
                "piloted in two districts to make the option easier to take up.",
        "AS03": f"{n('AS03')} people have started an enablement service this year, ahead of the phased "
                f"target of {pt('AS03')}. Referrals from hospital discharge teams remain strong and the "
                "service is on course for the raised year-end target of 9,000.",
        "AS04": f"{v('AS04')}% of enablement episodes ended with no ongoing care need over the last 12 "
                "months, above the target of 55%. The measure continues to improve as the service "
                "focuses on people most likely to regain independence.",
        "AS05": f"{v('AS05')}% of older people were still at home 91 days after reablement, below the "
                "target of 85% but above the minimum standard. Joint work with community health teams "
                "on follow-up visits is expected to lift this over the year.",
        "AS06": f"Permanent admissions of younger adults to care homes stand at {v('AS06')} per 100,000, "
                "within the target of 15. Supported living continues to be the first choice for adults "
                "with a learning disability moving from family homes.",
        "AS07": f"Admissions of older people to care homes have fallen to {v('AS07')} per 100,000 over "
                "the last 12 months but remain above the target of 650. Every placement is now agreed "
                "at a weekly panel, and extra care housing schemes open later this year.",
        "AS08": f"Delayed transfers of care at the end of May rose to {v('AS08')} per 100,000, from "
                f"{v('AS08', april)} at the end of April, above the minimum standard of 11. Most of the increase is in acute hospitals in the west of the county, "
                "where a joint action plan with the NHS has been agreed.",
        "AS09": f"Delays attributable to social care were {v('AS09')} per 100,000 at the end of May, "
                "above the target of 3 "
                "but within the minimum standard. Delays are mainly waits for nursing home places; "
                "additional block-purchased beds are being commissioned.",
        "AS10": f"{n('AS10')} people now receive telecare, ahead of the phased target of {pt('AS10')}. "
                "Telecare is now considered at every assessment and the year-end target of 4,000 "
                "remains on track.",
        "AS11": f"{v('AS11')}% of assessments have been completed within 28 days this year, below the "
                "target of 90%. Performance improved in May and waiting lists are being reviewed team "
                "by team.",
        "AS12": f"{v('AS12')}% of care packages were in place within 28 days of assessment, ahead of the "
                "target of 90%. Performance remains consistently good.",
        "AS13": f"Only {v('AS13')}% of clients had a review in the last 12 months, below the minimum "
                "standard of 70%. A dedicated review team has been established and is prioritising "
                "people who have not been reviewed for the longest time.",
        "AS14": f"{n('AS14')} carers' assessments have been completed this year, ahead of the phased "
                f"target of {pt('AS14')}. The new carers' assessment contract with the voluntary sector "
                "has increased capacity.",
        "AS15": f"{v('AS15')}% of carers assessed this year received a service or information, above "
                "the target of 90%.",
        "AS16": f"{n('AS16')} safeguarding alerts were received in May, up from {n('AS16', april)} in "
                "April. The rise reflects greater awareness following multi-agency training, and all "
                "alerts were screened within one working day.",
        "AS17": f"Risk was removed or reduced in {v('AS17')}% of safeguarding referrals concluded this "
                "year, above the target of 85%.",
        "AS18": f"{v('AS18')}% of adults with a learning disability are in paid employment, below the "
                "target of 8% but above the minimum standard. The supported employment service is "
                "working with local employers to create further placements.",
        "AS19": f"{v('AS19')}% of adults with a learning disability live in settled accommodation, above "
                "the target of 75%.",
        "AS20": f"At the end of March (the mental health trust's latest quarterly figure), {v('AS20')}% "
                "of adults in contact with secondary mental health services were in employment, up "
                f"from {c('AS20')}% at the end of December but below the target of 9%. The figure "
                "depends on recording by the mental health trust, which is being checked.",
        "AS21": f"At the end of March (the latest quarterly figure), {v('AS21')}% of adults in contact "
                "with secondary mental health services lived in settled accommodation, above the "
                "target of 65%. The June figure is due in July.",
        "AS22": f"The quality of life score from the 2011/12 adult social care survey is {v('AS22')}, "
                f"up from {c('AS22')} the previous year but just below the target of 19.0. The next "
                "survey runs in early 2013.",
        "AS23": f"{v('AS23')}% of service users were extremely or very satisfied with their care and "
                f"support in the 2011/12 survey, up from {c('AS23')}% the previous year, above the target "
                "of 65% and the England average.",
        "AS24": f"People waited an average of {v('AS24')} weeks from referral to an occupational therapy "
                "service in May, within the target of 4 weeks, following the recruitment of two "
                "additional occupational therapists.",
    }
    april_text = {
        "AS01": f"At {v('AS01', april)}%, self-directed support is ahead of the phased target of "
                f"{t('AS01', april)}% for April. The year-end target has been raised to 70%.",
        "AS03": f"{n('AS03', april)} people started enablement in April, ahead of the phased target "
                f"of {pt('AS03', april)}.",
        "AS08": f"Delayed transfers of care were {v('AS08', april)} per 100,000 in April, above target "
                "but within the minimum standard.",
        "AS13": f"Reviews in the last 12 months stand at {v('AS13', april)}%, below the minimum "
                "standard; a review team is being set up.",
    }
    rows = [(ref, MONTHS[MAY12], text) for ref, text in may_text.items()]
    rows += [(ref, MONTHS[APR12], text) for ref, text in april_text.items()]
    return rows


AREA_COMMENTARY = {
    CH_AREAS[0]: "Compared with targets based on high performing authorities, we are receiving slightly "
                 "fewer referrals than expected, but a much higher percentage than expected then "
                 "progress to initial assessment and to Section 47 enquiries. Work is building on best "
                 "practice so that cases progress appropriately through the Central Referral Unit, the "
                 "County Duty Team and managers and practitioners in the field. Direction of travel is "
                 "broadly improving.",
    CH_AREAS[1]: "Performance is generally good: all but one timescale is now better than the "
                 "benchmarks based on high performing authorities, and every timescale continues to "
                 "improve.",
    CH_AREAS[2]: "Performance continues to improve, but concerns remain about the percentage of case "
                 "files judged adequate and the percentage of children not seen at initial assessment. "
                 "Feedback from case audits informs development in teams and holds managers to account. "
                 "Changes to the Integrated Children's System now record the valid reasons for not "
                 "seeing a child at initial assessment, such as moving straight to a core assessment.",
    CH_AREAS[3]: "Of the 12 measures, 8 are amber (above the minimum standard but below targets based "
                 "on the best performing authorities) and the trend is broadly improving. The other 4 "
                 "are red, but 3 of them are year-to-date figures covering only April and May, and "
                 "April's cohort differed from the longer-term trend; work is under way to check whether "
                 "this was a one-off. In May alone, re-referrals returned to amber, repeat child "
                 "protection plans and adoption placements within 12 months were still red but improved, "
                 "and the share of children leaving care through adoption returned to amber. Concern "
                 "remains about child protection plans lasting two years or more, as the residual core "
                 "of long plans forms a higher share of a falling total, and about children with three "
                 "or more placements, which Stability Core Groups are addressing.",
    CH_AREAS[4]: "Performance is broadly good and the trend is marginal, although the use of agency "
                 "staff remains above target. The restructuring of Specialist Children's Services will "
                 "align staff to where they are needed and should address this; the use of agency staff, "
                 "and how long each has been employed, is closely monitored.",
}


def write_commentary(root: Path, may, april) -> None:
    book = new_workbook(root / "commentary.xlsx")
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = book.add_format({"num_format": "mmm-yy", "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Measures")
    sheet.write_row(0, 0, ["Ref", "Month", "Commentary"], head)
    for r, (ref, month, text) in enumerate(adult_commentary(may, april), start=1):
        sheet.write_string(r, 0, ref)
        sheet.write_datetime(r, 1, dt.datetime(month.year, month.month, 1), date_fmt)
        sheet.write_string(r, 2, text, wrap)
    sheet.set_column(0, 1, 9)
    sheet.set_column(2, 2, 100)
    sheet = book.add_worksheet("Areas")
    sheet.write_row(0, 0, ["Scorecard", "Area", "Month", "Commentary"], head)
    for r, area in enumerate(CH_AREAS, start=1):
        sheet.write_row(r, 0, ["Children", area, "May-12"])
        sheet.write_string(r, 3, AREA_COMMENTARY[area], wrap)
    sheet.set_column(0, 0, 10)
    sheet.set_column(1, 1, 32)
    sheet.set_column(2, 2, 8)
    sheet.set_column(3, 3, 100)
    book.close()


# --------------------------------------------------------------------------- business plan

SCS, ASC, COM, BSS = ("Specialist Children's Services", "Adult Social Care", "Commissioning",
                      "Business Strategy and Support")
D = dt.date
ACTIONS = [
    # (business plan, action, owner, due, status, revised, commentary)
    (SCS, "Implement the Improvement Plan following the Ofsted safeguarding inspection", "Director of Specialist Children's Services", D(2012, 3, 31), "Complete", None, "All actions for 2011/12 signed off by the Improvement Board."),
    (SCS, "Establish the Central Referral Unit", "Head of Safeguarding", D(2011, 9, 30), "Complete", None, "Unit opened in September 2011."),
    (SCS, "Recruit newly qualified social workers through the Kent graduate scheme", "Head of Workforce Development", D(2011, 12, 31), "Complete", None, "48 newly qualified social workers appointed."),
    (SCS, "Introduce monthly case file audits by team managers", "Head of Quality Assurance", D(2011, 7, 31), "Complete", None, "Audit tool in use in all teams."),
    (SCS, "Reduce the number of children placed out of county", "Head of Children in Care", D(2012, 3, 31), "Delayed", D(2012, 9, 30), "Placement sufficiency strategy delayed by the re-tendering of the independent fostering framework."),
    (SCS, "Upgrade the Integrated Children's System to record reasons a child was not seen", "ICS Project Manager", D(2011, 12, 31), "Delayed", D(2012, 6, 30), "Supplier release slipped; the upgrade went live in stages from April 2012."),
    (SCS, "Set up Stability Core Groups for placements at risk", "Head of Children in Care", D(2012, 1, 31), "Complete", None, "Groups running in all four areas."),
    (SCS, "Launch the adoption recruitment campaign", "Head of Adoption", D(2011, 10, 31), "Complete", None, "Enquiries up by 40% on last year."),
    (SCS, "Restructure district teams into four area teams", "Director of Specialist Children's Services", D(2012, 3, 31), "Delayed", D(2012, 10, 31), "Consultation with staff extended to allow for trade union comments."),
    (SCS, "Introduce a multi-agency early help assessment", "Head of Early Intervention", D(2011, 11, 30), "Cancelled", None, "Replaced by the county-wide Common Assessment Framework refresh led by Education, Learning and Skills."),
    (ASC, "Offer every eligible client a personal budget at review", "Head of Personalisation", D(2012, 3, 31), "Complete", None, "Self-directed support reached 57% at March."),
    (ASC, "Extend the enablement service to all districts", "Head of Enablement", D(2011, 9, 30), "Complete", None, "Available county-wide from September 2011."),
    (ASC, "Expand telecare to 3,000 users", "Telecare Lead", D(2012, 3, 31), "Complete", None, "3,150 users at year end."),
    (ASC, "Introduce the new carers' assessment with the voluntary sector", "Head of Carers' Services", D(2011, 10, 31), "Complete", None, "Contract awarded and in operation."),
    (ASC, "Establish a dedicated review team", "Head of Operations", D(2011, 12, 31), "Delayed", D(2012, 7, 31), "Recruitment took longer than planned; the team is now being established."),
    (ASC, "Implement the adult safeguarding database", "Head of Safeguarding (Adults)", D(2011, 8, 31), "Complete", None, "Live since August 2011."),
    (ASC, "Open two new extra care housing schemes", "Head of Accommodation Strategy", D(2012, 3, 31), "Delayed", D(2012, 11, 30), "Building work delayed by the developer; first scheme opens autumn 2012."),
    (ASC, "Pilot a pre-paid card for direct payments", "Head of Personalisation", D(2012, 2, 29), "Cancelled", None, "Superseded by a county-wide procurement of pre-paid cards in 2012/13."),
    (COM, "Re-tender home care contracts on an outcome basis", "Head of Commissioning (Older People)", D(2012, 3, 31), "Complete", None, "New contracts started in March 2012."),
    (COM, "Agree a joint commissioning plan for dementia with the NHS", "Head of Joint Commissioning", D(2011, 12, 31), "Complete", None, "Plan agreed by the Health and Wellbeing Board."),
    (COM, "Re-tender the independent fostering framework", "Head of Children's Commissioning", D(2011, 12, 31), "Delayed", D(2012, 8, 31), "Legal challenge from a bidder; the framework is being re-run."),
    (COM, "Commission supported employment for adults with a learning disability", "Head of Learning Disability Commissioning", D(2011, 11, 30), "Complete", None, "Service in place from December 2011."),
    (COM, "Review residential care fee levels", "Head of Commissioning (Older People)", D(2011, 9, 30), "Complete", None, "New fee levels agreed with providers."),
    (COM, "Commission a county-wide advocacy service", "Head of Joint Commissioning", D(2012, 1, 31), "Cancelled", None, "Deferred to align with the national changes to advocacy in the Care and Support Bill."),
    (BSS, "Deliver the directorate's savings of \u00a319m", "Director of Finance", D(2012, 3, 31), "Complete", None, "Savings delivered in full."),
    (BSS, "Publish a monthly performance scorecard for the Improvement Board", "Head of Performance", D(2011, 6, 30), "Complete", None, "Published monthly since June 2011."),
    (BSS, "Roll out mobile working for social workers", "Head of ICT", D(2012, 3, 31), "Complete", None, "Laptops issued to all frontline teams."),
    (BSS, "Implement the new client finance system", "Head of Business Support", D(2011, 10, 31), "Complete", None, "Live from October 2011."),
    (BSS, "Introduce electronic social care records for adults", "Head of ICT", D(2012, 3, 31), "On track", None, "Second phase due in 2012/13 as planned."),
    (BSS, "Complete the workforce strategy for Families and Social Care", "Head of HR", D(2012, 3, 31), "On track", None, "Draft consulted on; final version due in July 2012 as agreed."),
]


def write_business_plan(root: Path) -> None:
    book = new_workbook(root / "business_plan.xlsx")
    head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date_fmt = book.add_format({"num_format": "dd/mm/yyyy", "valign": "top"})
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet("Actions")
    sheet.write_row(0, 0, ["Ref", "Business plan", "Action", "Owner", "Due date", "Status",
                           "Revised date", "Commentary"], head)
    prefix = {SCS: "SCS", ASC: "ASC", COM: "COM", BSS: "BSS"}
    counts: dict[str, int] = {}
    for r, (plan, action, owner, due, status, revised, note) in enumerate(ACTIONS, start=1):
        counts[plan] = counts.get(plan, 0) + 1
        sheet.write_string(r, 0, f"{prefix[plan]}{counts[plan]:02d}")
        sheet.write_string(r, 1, plan, wrap)
        sheet.write_string(r, 2, action, wrap)
        sheet.write_string(r, 3, owner, wrap)
        sheet.write_datetime(r, 4, dt.datetime.combine(due, dt.time()), date_fmt)
        sheet.write_string(r, 5, status)
        if revised:
            sheet.write_datetime(r, 6, dt.datetime.combine(revised, dt.time()), date_fmt)
        sheet.write_string(r, 7, note, wrap)
    for c, width in enumerate([7, 26, 50, 30, 11, 10, 12, 60]):
        sheet.set_column(c, c, width)
    book.close()


# --------------------------------------------------------------------------- main

def build(rng: random.Random) -> dict[str, list]:
    series = generate(rng)
    set_story(series)
    check_consistency(series)
    return series


def print_table(series) -> None:
    print(f"{'ref':5} {'Apr':>9} {'May':>9} {'May month':>10} {'target':>8} {'RAG':6} direction")
    for m in MEASURES:
        may, apr = result(series, m, MAY12), result(series, m, APR12)
        print(f"{m.ref:5} {show(apr.value, m.dec):>9} {show(may.value, m.dec):>9} "
              f"{show(may.month_value, m.dec):>10} {show(may.target, m.dec):>8} {may.rag:6} "
              f"{may.direction or ''}")


def write_inputs(root: Path, series, rng: random.Random, may, april) -> None:
    write_measures(root)
    for key in RETURNS:
        write_return(root, key, series, rng)
    write_commentary(root, may, april)
    write_business_plan(root)


def write_april_pack_results(outputs: Path, series, rng_state, may, april) -> Path:
    """results.csv of the April 2012 run as it was made, from the returns before the
    corrections of FIRST_PUBLISHED, so the May run finds April's revised figure."""
    target = outputs / "2012-04" / "results.csv"
    with tempfile.TemporaryDirectory(prefix="fscxl-april-") as scratch:
        rng = random.Random()
        rng.setstate(rng_state)  # the same district splits as the shipped returns
        inputs = Path(scratch) / "inputs"
        write_inputs(inputs, first_published(series), rng, may, april)
        summary = pipeline.run(inputs, Path(scratch) / "outputs", Month(2012, 4))
        assert not summary.problems.has_errors
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(summary.folder / "results.csv", target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=Path, default=ROOT / "inputs")
    parser.add_argument("--outputs", type=Path, default=ROOT / "outputs",
                        help="where the April 2012 pack's results.csv goes (2012-04/results.csv)")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args()
    rng = random.Random(SEED)
    series = build(rng)
    may = check_story(series)
    april = {m.ref: result(series, m, APR12) for m in MEASURES}
    check_revisions(series)
    if not args.quiet:
        print_table(series)
    rng_state = rng.getstate()
    write_inputs(args.inputs, series, rng, may, april)
    published = write_april_pack_results(args.outputs, series, rng_state, may, april)
    print(f"Wrote the default inputs to {args.inputs}: the story holds for May 2012.")
    print(f"Wrote the April 2012 pack's results, before April's corrections, to {published}.")


if __name__ == "__main__":
    main()
