"""Settings of the registry: the one place where environment variables are read."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

CHECKOUT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Paths and options, from `DIENSTENGRAAF_*` environment variables, defaulting to the checkout."""

    model_config = SettingsConfigDict(env_prefix="DIENSTENGRAAF_", extra="ignore", populate_by_name=True)

    root: Path = Field(default=CHECKOUT, description="Checkout that holds ontology/, shapes/ and catalog/.")
    ontology_dir: Path | None = Field(default=None, description="Folder with the ontology and vocabularies/.")
    shapes_dir: Path | None = Field(default=None, description="Folder with the *.shapes.ttl files.")
    catalog_dir: Path | None = Field(default=None, description="Folder with the catalog Turtle files.")
    store_dir: Path | None = Field(default=None, description="Folder of the embedded Oxigraph store.")
    store_url: str | None = Field(
        default=None,
        validation_alias="DIENSTENGRAAF_STORE",
        description="SPARQL 1.1 query endpoint of a remote store (http://...); a folder means the embedded store.",
    )
    store_update_url: str | None = Field(default=None, description="Update endpoint (default: from the dialect).")
    store_graph_url: str | None = Field(
        default=None, description="Graph Store Protocol endpoint (default: from the dialect)."
    )
    store_dialect: str = Field(default="auto", description="standard, oxigraph or virtuoso; auto asks the server.")
    store_user: str | None = Field(default=None, description="User for writing to the remote store.")
    store_password: SecretStr | None = Field(default=None, description="Password for writing to the remote store.")
    store_timeout: float = Field(default=120.0, description="Seconds a request to the remote store may take.")
    shared_dir: Path | None = Field(default=None, description="Folder with the shared reference data.")
    upl_csv: Path | None = Field(
        default=None, description="UPL-actueel.csv to use instead of the imported or shared one."
    )
    base_iri: str = Field(default="https://dienstengraaf.nl/", description="Base of every IRI the registry mints.")
    include_examples: bool = Field(default=True, description="Load catalog/examples/ (example municipalities).")
    reason: bool = Field(default=True, description="Run the OWL reasoner during build.")
    incremental_reasoning: bool = Field(
        default=True,
        description="After a write, reason only over what it can affect where that is exact; false: always "
        "over everything.",
    )

    # HTTP API (`dienstengraaf serve`)
    host: str = Field(default="127.0.0.1", description="Address the server binds to.")
    port: int = Field(default=8000, description="Port the server listens on.")
    public_url: str | None = Field(
        default=None, description="Public base URL of the server (default http://host:port)."
    )
    query_timeout: float = Field(default=10.0, description="Seconds a SPARQL query may run before it is stopped.")
    result_limit: int = Field(default=10_000, description="Maximum rows (or triples) in one SPARQL result.")
    max_request_bytes: int = Field(default=1_000_000, description="Maximum size of a request body.")
    query_workers: int = Field(default=2, description="Worker processes that run SPARQL queries.")
    write_tokens: dict[str, SecretStr] = Field(
        default_factory=dict, description='Bearer tokens allowed to write, as JSON {"name": "token"}.'
    )
    prepare_writes: bool = Field(
        default=True,
        description="With write tokens set, read the store's data and saved findings in when the server "
        "starts, so that the first write is validated incrementally (memory: about 1.4 GB at national "
        "size); false: at the first write.",
    )
    store_watch_seconds: float = Field(
        default=10.0,
        description="How often a server that prepares writes looks whether another process built a new "
        "store version, to prepare writes again from its saved findings; 0: it does not look.",
    )
    write_log: Path | None = Field(default=None, description="JSON-lines log of writes (default var/writes.log).")
    site_dir: Path | None = Field(default=None, description="Where `generate site` writes (default var/site).")
    chat_index_file: Path | None = Field(
        default=None, description="The answer engine's index (default var/chatbot/index.pickle)."
    )
    cors_origins: list[str] = Field(default_factory=lambda: ["*"], description="Origins allowed to read via CORS.")

    @model_validator(mode="after")
    def _defaults(self) -> Settings:
        root = self.root.resolve()
        self.root = root
        self.ontology_dir = (self.ontology_dir or root / "ontology").resolve()
        self.shapes_dir = (self.shapes_dir or root / "shapes").resolve()
        self.catalog_dir = (self.catalog_dir or root / "catalog").resolve()
        if self.store_url and not self.store_url.startswith(("http://", "https://")):
            self.store_dir, self.store_url = Path(self.store_url), None
        # absolute(), not resolve(): the store location is a symbolic link that each build re-points.
        self.store_dir = (self.store_dir or root / "var" / "store").absolute()
        self.shared_dir = (self.shared_dir or root.parent / "shared").resolve()
        self.write_log = (self.write_log or root / "var" / "writes.log").absolute()
        self.site_dir = (self.site_dir or root / "var" / "site").absolute()
        self.chat_index_file = (self.chat_index_file or root / "var" / "chatbot" / "index.pickle").absolute()
        return self

    @property
    def remote(self) -> bool:
        """Whether the data lives in a SPARQL server instead of the embedded store."""
        return bool(self.store_url)

    @property
    def store_label(self) -> str:
        """Where the data lives, for messages."""
        return self.store_url or str(self.store)

    @property
    def base_url(self) -> str:
        """The server's public base URL, without a trailing slash."""
        return (self.public_url or f"http://{self.host}:{self.port}").rstrip("/")

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
    def site(self) -> Path:
        assert self.site_dir is not None
        return self.site_dir

    @property
    def chat_index(self) -> Path:
        assert self.chat_index_file is not None
        return self.chat_index_file

    @property
    def shared(self) -> Path:
        assert self.shared_dir is not None
        return self.shared_dir
