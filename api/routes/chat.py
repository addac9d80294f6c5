"""The answer engine over HTTP: POST /api/chat (JSON, or plain text with Accept: text/plain) and the
Rasa REST webhook shape at /webhooks/rest/webhook."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

from api.deps import ReaderDep, SettingsDep
from api.reader import RegistryReader
from generators.chatbot.engine import ChatEngine
from generators.chatbot.index import load_or_build
from registry.settings import Settings

router = APIRouter(tags=["Chat"])


class ChatRequest(BaseModel):
    question: str = Field(min_length=1, max_length=1000, description="De vraag zoals de inwoner die typt")
    municipality: str | None = Field(None, max_length=200, description="Gemeente: naam, id of OWMS-URI")
    session: str | None = Field(None, max_length=100, description="Sessie van een eerdere vraag, voor vervolgvragen")


class ProductRef(BaseModel):
    id: str
    iri: str
    upl: str
    label: str


class ServiceRef(BaseModel):
    id: str
    iri: str
    label: str


class Option(BaseModel):
    label: str
    product: ProductRef | None = None
    service: ServiceRef | None = None


class Link(BaseModel):
    label: str
    url: str


class ChatResponse(BaseModel):
    action: Literal["answer", "clarify", "handover", "fallback"]
    confidence: float
    text: str
    product: ProductRef | None
    options: list[Option]
    service: ServiceRef | None
    channel: dict[str, Any] | None
    identity: dict[str, Any] | None
    costs: list[dict[str, Any]]
    steps: list[str]
    evidence: list[str]
    processing_time: str | None
    links: list[Link]
    sources: list[dict[str, Any]]
    session: str
    municipality: dict[str, Any] | None
    masked: list[str] = Field(description="Soorten persoonsgegevens die in de vraag stonden en gemaskeerd zijn")


class RasaMessage(BaseModel):
    sender: str = Field(max_length=100)
    message: str = Field(min_length=1, max_length=1000)
    metadata: dict[str, Any] | None = None


class EngineHolder:
    """The engine for the current store version: loaded from the built index file when it matches,
    otherwise rebuilt from the store (after a write or a new build)."""

    def __init__(self, settings: Settings, reader: RegistryReader):
        self.settings, self.reader = settings, reader
        self._engine: ChatEngine | None = None
        self._lock = threading.Lock()

    def engine(self) -> ChatEngine:
        version = self.reader.version
        with self._lock:
            if self._engine is None or self._engine.index.version != version:
                index = load_or_build(self.settings.chat_index, self.reader.store(), version)
                sessions = self._engine.sessions if self._engine else None
                self._engine = ChatEngine(index, self.settings.base_url, sessions)
            return self._engine


def get_engine(request: Request, settings: SettingsDep, reader: ReaderDep) -> ChatEngine:
    holder = getattr(request.app.state, "chat", None)
    if holder is None:
        holder = request.app.state.chat = EngineHolder(settings, reader)
    engine: ChatEngine = holder.engine()
    return engine


EngineDep = Annotated[ChatEngine, Depends(get_engine)]


@router.post("/api/chat", response_model=ChatResponse, summary="Een vraag aan de chatbot")
def chat(body: ChatRequest, request: Request, engine: EngineDep) -> Any:
    """Answer a citizen's question from the graph: `answer`, `clarify` (with options), `handover` (to a
    person, with the municipality's human channels) or `fallback`. With `Accept: text/plain` the answer
    is plain text."""
    answer = engine.ask(body.question, body.municipality, body.session)
    if "text/plain" in request.headers.get("accept", "") and "json" not in request.headers.get("accept", ""):
        return PlainTextResponse(answer.text, headers={"X-Session": answer.session})
    return answer.as_dict()


@router.post("/webhooks/rest/webhook", summary="Rasa REST-kanaal")
def rasa_webhook(body: RasaMessage, engine: EngineDep) -> list[dict[str, Any]]:
    """The Rasa REST channel shape: a list of messages with text and buttons. The sender id is used as
    the session, so follow-up questions work."""
    municipality = (body.metadata or {}).get("municipality")
    answer = engine.ask(body.message, municipality, f"rasa:{body.sender}", keep_session_key=True)
    messages: list[dict[str, Any]] = [{"recipient_id": body.sender, "text": answer.text}]
    buttons = [{"title": option["label"], "payload": option["label"]} for option in answer.options]
    buttons += [{"title": link["label"], "url": link["url"]} for link in answer.links]
    if buttons:
        messages[0]["buttons"] = buttons
    return messages
