"""Schema version 13: a decision keeps what it was signed with — its "Căn cứ" lines, each award's name, and the
achievement a nomination wrote for its line.

The legal basis and the award names were read from the rule pack each time a decision was printed, so a rule pack
received later (a province's, dated back) changed the "Căn cứ" and the award names of decisions already signed; and
the achievement typed on a nomination (a Giấy khen for one deed) never reached the decision or its certificate.
Issuing now writes ``decisions.legal_basis`` (the lines, as JSON), ``decision_awardees.code_name`` and
``decision_awardees.achievement`` (the nomination's own words, "" when it has none).

Decisions issued before this version keep "" in the three columns and print as they did: the basis and the names from
the rule pack of their date, the words of the decision or of the award.
"""

from __future__ import annotations

from desktop.store.sql import read

SQL = read("schema_v13.sql")
