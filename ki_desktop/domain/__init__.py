"""Pure domain code: data types, rules and calculations. Imports nothing of Qt or peewee.

Glossary (German legal terms stay German where no English word fits):

- Seiteneinsteiger: newly arrived child or young person who enters a German school mid-way.
- Erstberatung: the intake interview with the family, often with an interpreter.
- Erstfoerderung: German support for newly arrived pupils (integrative, part-integrative or
  a separate Deutschfördergruppe; IFK at the Berufskolleg).
- Schulform: school form, identified by the official key of the NRW school list ("02" ...).
- Schulamt: the staatliches Schulamt that assigns the school place.
- AGS: 8-digit Amtlicher Gemeindeschlüssel of a municipality; the first five digits name the Kreis.
"""
