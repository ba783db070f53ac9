"""Numbers in narrative text bound to what they claim: a table cell, a sum of cells, a user fact, or nothing.

Entry point: :func:`bind_claims` -> list of :class:`Claim` (``verified`` | ``contradicts`` | ``unverifiable``).
Also the number extractor (:func:`extract_numbers`) and the user facts (:class:`Fact`, :class:`FactSheet`).
"""

from report.claims.binder import Claim, bind_claims
from report.claims.facts import Fact, FactError, FactSheet
from report.claims.listing import SectionClaim, claim_record, format_listing, report_claims
from report.claims.numbers import NumberMention, extract_numbers, parse_chinese_number

__all__ = ["Claim", "Fact", "FactError", "FactSheet", "NumberMention", "SectionClaim", "bind_claims", "claim_record",
           "extract_numbers", "format_listing", "parse_chinese_number", "report_claims"]
