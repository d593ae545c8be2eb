"""SQLAlchemy models of the knowledge store: archetypes, menukaart options and their evidence."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import declarative_base, relationship

Base: Any = declarative_base()  # SQLAlchemy 1.4 is untyped: declare the base as Any so models can subclass it

FINDING_KINDS = ("werkzame_bestanddelen", "succesfactoren", "valkuilen", "randvoorwaarden")

example_options = Table(
    "example_option",
    Base.metadata,
    Column("example_id", ForeignKey("example.id", ondelete="CASCADE"), primary_key=True),
    Column("option_id", ForeignKey("menu_option.id", ondelete="CASCADE"), primary_key=True),
)

figure_options = Table(
    "figure_option",
    Base.metadata,
    Column("figure_id", ForeignKey("figure.id", ondelete="CASCADE"), primary_key=True),
    Column("option_id", ForeignKey("menu_option.id", ondelete="CASCADE"), primary_key=True),
)


class Source(Base):
    """A publication every fact in the store points to."""

    __tablename__ = "source"
    id = Column(String(80), primary_key=True)
    titel = Column(Text, nullable=False)
    uitgever = Column(Text, nullable=False)
    jaar = Column(Integer, nullable=False)
    url = Column(Text, nullable=False)


class Archetype(Base):
    """A Platform31 / Wat Werkt in de Wijk archetype (a type of intervention)."""

    __tablename__ = "archetype"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    naam = Column(Text, nullable=False)
    samenvatting = Column(Text, nullable=False)
    bewijskracht = Column(Text)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)
    findings = relationship("Finding", order_by="Finding.positie", cascade="all, delete-orphan")


class Finding(Base):
    """An active ingredient, success factor, pitfall or precondition of an archetype."""

    __tablename__ = "finding"
    id = Column(Integer, primary_key=True, autoincrement=True)
    archetype_id = Column(ForeignKey("archetype.id", ondelete="CASCADE"), nullable=False)
    soort = Column(String(40), nullable=False)
    positie = Column(Integer, nullable=False)
    tekst = Column(Text, nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)


class MenuOption(Base):
    """An option of the menukaart zelfbeheer."""

    __tablename__ = "menu_option"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    titel = Column(Text, nullable=False)
    samenvatting = Column(Text, nullable=False)
    bewoners_doen = Column(Text, nullable=False)
    organisatie_biedt = Column(Text, nullable=False)
    rol = Column(String(40), nullable=False)
    inspanning = Column(String(40), nullable=False)
    veiligheid = Column(Boolean, nullable=False, default=False)
    archetype_id = Column(ForeignKey("archetype.id"), nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)
    spaces = relationship("OptionSpace", order_by="OptionSpace.positie", cascade="all, delete-orphan")
    keywords = relationship("OptionKeyword", order_by="OptionKeyword.positie", cascade="all, delete-orphan")


class OptionSpace(Base):
    """A kind of space (ruimte) an option fits."""

    __tablename__ = "option_space"
    option_id = Column(ForeignKey("menu_option.id", ondelete="CASCADE"), primary_key=True)
    ruimte = Column(String(40), primary_key=True)
    positie = Column(Integer, nullable=False)


class OptionKeyword(Base):
    """An extra phrase professionals use for an option."""

    __tablename__ = "option_keyword"
    option_id = Column(ForeignKey("menu_option.id", ondelete="CASCADE"), primary_key=True)
    phrase = Column(String(200), primary_key=True)
    positie = Column(Integer, nullable=False)


class Example(Base):
    """A practice example: where, by whom and when something was done."""

    __tablename__ = "example"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    titel = Column(Text, nullable=False)
    plaats = Column(Text, nullable=False)
    organisatie = Column(Text, nullable=False)
    jaar = Column(Integer)
    beschrijving = Column(Text, nullable=False)
    archetype_id = Column(ForeignKey("archetype.id"), nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)
    options = relationship(MenuOption, secondary=example_options, order_by=MenuOption.positie)


class Figure(Base):
    """A figure from a study or evaluation."""

    __tablename__ = "figure"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    waarde = Column(Text, nullable=False)
    tekst = Column(Text, nullable=False)
    archetype_id = Column(ForeignKey("archetype.id"), nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)
    options = relationship(MenuOption, secondary=figure_options, order_by=MenuOption.positie)


class Facilitation(Base):
    """Something a corporation or municipality can offer residents."""

    __tablename__ = "facilitation"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    titel = Column(Text, nullable=False)
    tekst = Column(Text, nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)


class WarningText(Base):
    """The text of one of the contract's warnings."""

    __tablename__ = "warning_text"
    code = Column(String(40), primary_key=True)
    positie = Column(Integer, nullable=False)
    tekst = Column(Text, nullable=False)
    advies = Column(Text, nullable=False)
    kort = Column(Text, nullable=False)  # the one-sentence reminder for later in a conversation
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)


class NextStep(Base):
    """A concrete next step for the professional, with the conditions under which it applies."""

    __tablename__ = "next_step"
    id = Column(String(80), primary_key=True)
    positie = Column(Integer, nullable=False)
    fase = Column(String(40), nullable=False)
    tekst = Column(Text, nullable=False)
    bron_id = Column(ForeignKey("source.id"), nullable=False)
    vindplaats = Column(Text, nullable=False)  # where in the source the claim stands (quote or heading)
    conditions = relationship("StepCondition", order_by="StepCondition.positie", cascade="all, delete-orphan")


class StepCondition(Base):
    """One value of a step's condition lists: `veld` is alleen_bij, niet_bij, ruimtes or rollen."""

    __tablename__ = "step_condition"
    step_id = Column(ForeignKey("next_step.id", ondelete="CASCADE"), primary_key=True)
    veld = Column(String(40), primary_key=True)
    waarde = Column(String(40), primary_key=True)
    positie = Column(Integer, nullable=False)


STEP_CONDITION_FIELDS = ("alleen_bij", "niet_bij", "ruimtes", "rollen")


class VocabularyTerm(Base):
    """A phrase professionals use for a canonical intake value."""

    __tablename__ = "vocabulary_term"
    id = Column(Integer, primary_key=True, autoincrement=True)
    categorie = Column(String(40), nullable=False)
    waarde = Column(String(40), nullable=False)
    phrase = Column(String(200), nullable=False)


class Meta(Base):
    """Key/value facts about the loaded content (its fingerprint)."""

    __tablename__ = "meta"
    key = Column(String(40), primary_key=True)
    value = Column(Text, nullable=False)
