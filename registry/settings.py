"""Settings of the registry: the one place where environment variables are read."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CHECKOUT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Paths and options, from `DIENSTENGRAAF_*` environment variables, defaulting to the checkout."""

    model_config = SettingsConfigDict(env_prefix="DIENSTENGRAAF_", extra="ignore")

    root: Path = Field(default=CHECKOUT, description="Checkout that holds ontology/, shapes/ and catalog/.")
    ontology_dir: Path | None = Field(default=None, description="Folder with the ontology and vocabularies/.")
    shapes_dir: Path | None = Field(default=None, description="Folder with the *.shapes.ttl files.")
    catalog_dir: Path | None = Field(default=None, description="Folder with the catalog Turtle files.")
    store_dir: Path | None = Field(default=None, description="Folder of the embedded Oxigraph store.")
    shared_dir: Path | None = Field(default=None, description="Folder with the shared reference data.")
    upl_csv: Path | None = Field(
        default=None, description="UPL-actueel.csv to use instead of the imported or shared one."
    )
    base_iri: str = Field(default="https://dienstengraaf.nl/", description="Base of every IRI the registry mints.")
    include_examples: bool = Field(default=True, description="Load catalog/examples/ (example municipalities).")
    reason: bool = Field(default=True, description="Run the OWL reasoner during build.")

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        root = self.root.resolve()
        self.root = root
        self.ontology_dir = (self.ontology_dir or root / "ontology").resolve()
        self.shapes_dir = (self.shapes_dir or root / "shapes").resolve()
        self.catalog_dir = (self.catalog_dir or root / "catalog").resolve()
        # absolute(), not resolve(): the store location is a symbolic link that each build re-points.
        self.store_dir = (self.store_dir or root / "var" / "store").absolute()
        self.shared_dir = (self.shared_dir or root.parent / "shared").resolve()
        return self

    @property
    def upl_default(self) -> Path | None:
        """The shared UPL-actueel.csv, used when none is set or imported."""
        candidate = self.shared / "data" / "upl" / "UPL-actueel.csv"
        return candidate if candidate.exists() else None

    # Typed accessors: after validation the optional paths are always set.
    @property
    def ontology(self) -> Path:
        assert self.ontology_dir is not None
        return self.ontology_dir

    @property
    def shapes(self) -> Path:
        assert self.shapes_dir is not None
        return self.shapes_dir

    @property
    def catalog(self) -> Path:
        assert self.catalog_dir is not None
        return self.catalog_dir

    @property
    def store(self) -> Path:
        assert self.store_dir is not None
        return self.store_dir

    @property
    def shared(self) -> Path:
        assert self.shared_dir is not None
        return self.shared_dir
