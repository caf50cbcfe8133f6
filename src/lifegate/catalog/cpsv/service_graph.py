# SPDX-License-Identifier: EUPL-1.2
"""One public service → its CPSV-AP nodes, with every SDG Art. 9-10 item.

Nodes that belong to one service live under its URI (``…/service/aow/cost/1``); the rule
it follows is ``…/rule/<service id>``, the id the rules engine uses, so the catalog and
the rules point at the same law.
"""

from __future__ import annotations

from rdflib import RDF, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from lifegate.catalog.cpsv import vocab
from lifegate.catalog.cpsv.model import Catalog, Eid, LangText, Service
from lifegate.catalog.cpsv.vocab import CPSV, CV, LG, Uris


def add_texts(graph: Graph, node: URIRef, predicate: URIRef, text: LangText) -> None:
    """One language-tagged literal per language of `text`."""
    for language, value in sorted(text.items()):
        graph.add((node, predicate, Literal(value, lang=language)))


class ServiceWriter:
    """Adds services to a graph, resolving the ids they refer to through the catalog."""

    def __init__(self, graph: Graph, uris: Uris, catalog: Catalog) -> None:
        self.graph = graph
        self.uris = uris
        self.organisations = {o.id: o for o in catalog.organisations}
        self.evidence_types = {e.id: e for e in catalog.evidence_types}
        self.laws = {r.id: r for r in catalog.legal_resources}

    def add(self, service: Service) -> URIRef:
        node = self.uris.service(service.id)
        g = self.graph
        g.add((node, RDF.type, CPSV.PublicService))
        g.add((node, DCTERMS.identifier, Literal(service.id)))
        add_texts(g, node, DCTERMS.title, service.name)
        add_texts(g, node, DCTERMS.description, service.description)
        for authority in service.authorities:
            g.add((node, CV.hasCompetentAuthority, self.uris.organisation(authority)))
            country = vocab.COUNTRIES[self.organisations[authority].country]
            g.add((node, DCTERMS.spatial, URIRef(country)))
        for event in service.events:
            g.add((node, CV.isGroupedBy, self.uris.event(event)))
        for language in sorted(set(service.name) & set(vocab.LANGUAGES)):
            g.add((node, DCTERMS.language, URIRef(vocab.LANGUAGES[language])))
        g.add((node, CV.isClassifiedBy, self.uris.concept("service-mode", service.mode)))
        for contact in service.contact_points:
            g.add((node, CV.contactPoint, self.uris("contact-point", contact)))
        g.add((node, CV.processingTime, Literal(service.processing_time, datatype=XSD.duration)))
        g.add((node, DCTERMS.modified, Literal(service.updated, datatype=XSD.date)))
        add_texts(g, node, LG.deadline, service.deadline)
        if service.redress:
            g.add((node, LG.redress, self.uris("redress", service.redress)))
        for law in service.legal_resources:
            g.add((node, CV.hasLegalResource, URIRef(self.laws[law].uri)))
        self._add_channels(node, service)
        self._add_steps(node, service)
        self._add_rule(node, service)
        self._add_requirements(node, service)
        self._add_costs(node, service)
        self._add_output(node, service)
        if service.eid is not None:
            self._add_eid(node, service.id, service.eid)
        return node

    def _add_channels(self, node: URIRef, service: Service) -> None:
        for kind in service.channels:
            channel = self.uris("service", service.id, "channel", kind)
            self.graph.add((node, CV.hasChannel, channel))
            self.graph.add((channel, RDF.type, CV.Channel))
            self.graph.add((channel, DCTERMS.identifier, Literal(f"{service.id}-{kind}")))
            self.graph.add((channel, DCTERMS.type, self.uris.concept("channel", kind)))

    def _add_steps(self, node: URIRef, service: Service) -> None:
        for number, step in enumerate(service.steps, start=1):
            step_node = self.uris("service", service.id, "step", number)
            self.graph.add((node, LG.step, step_node))
            self.graph.add((step_node, RDF.type, LG.Step))
            self.graph.add((step_node, LG.order, Literal(number)))
            add_texts(self.graph, step_node, DCTERMS.description, step)

    def _add_rule(self, node: URIRef, service: Service) -> None:
        rule = self.uris.rule(service.id)
        g = self.graph
        g.add((node, CPSV.follows, rule))
        g.add((rule, RDF.type, CPSV.Rule))
        g.add((rule, DCTERMS.identifier, Literal(service.id)))
        add_texts(g, rule, DCTERMS.title, service.name)
        # sorted, so the text does not depend on the order of the content list
        laws = sorted((self.laws[law] for law in service.legal_resources), key=lambda r: r.uri)
        descriptions = {
            language: f"{prefix} {service.name[language]}: "
            + "; ".join(law.title.get(language, law.local_id) for law in laws)
            for language, prefix in (("nl", "Wettelijke regels voor"), ("en", "Legal rules for"))
            if language in service.name
        }
        add_texts(g, rule, DCTERMS.description, descriptions)
        for law in laws:
            g.add((rule, CPSV.implements, URIRef(law.uri)))
        for language in sorted(set(service.name) & set(vocab.LANGUAGES)):
            g.add((rule, DCTERMS.language, URIRef(vocab.LANGUAGES[language])))

    def _add_requirements(self, node: URIRef, service: Service) -> None:
        g = self.graph
        for number, requirement in enumerate(service.requirements, start=1):
            req = self.uris("service", service.id, "requirement", number)
            g.add((node, CV.holdsRequirement, req))
            g.add((req, RDF.type, CV.Requirement))
            g.add((req, DCTERMS.identifier, Literal(f"{service.id}-requirement-{number}")))
            add_texts(g, req, DCTERMS.title, requirement.name)
            g.add((req, CV.fulfils, self.uris.rule(service.id)))
            for evidence_type in requirement.evidence:
                evidence = self._add_evidence(node, service.id, evidence_type)
                g.add((req, CV.hasSupportingEvidence, evidence))
                g.add((evidence, CV.supportsRequirement, req))

    def _add_evidence(self, node: URIRef, service_id: str, evidence_type: str) -> URIRef:
        g = self.graph
        evidence = self.uris("service", service_id, "evidence", evidence_type)
        type_node = self.uris("evidence-type", evidence_type)
        g.add((node, CPSV.hasInput, evidence))
        g.add((node, CV.hasInputType, type_node))
        g.add((evidence, RDF.type, CV.Evidence))
        g.add((evidence, DCTERMS.identifier, Literal(f"{service_id}-{evidence_type}")))
        add_texts(g, evidence, DCTERMS.title, self.evidence_types[evidence_type].name)
        g.add((evidence, DCTERMS.conformsTo, type_node))
        return evidence

    def _add_costs(self, node: URIRef, service: Service) -> None:
        g = self.graph
        for number, cost in enumerate(service.costs, start=1):
            cost_node = self.uris("service", service.id, "cost", number)
            g.add((node, CV.hasCost, cost_node))
            g.add((cost_node, RDF.type, CV.Cost))
            g.add((cost_node, DCTERMS.identifier, Literal(f"{service.id}-cost-{number}")))
            g.add((cost_node, CV.hasValue, Literal(cost.amount, datatype=XSD.double)))
            g.add((cost_node, CV.currency, URIRef(vocab.CURRENCIES[cost.currency])))
            g.add((cost_node, CV.isDefinedBy, self.uris.organisation(service.authorities[0])))
            add_texts(g, cost_node, DCTERMS.description, cost.description)

    def _add_output(self, node: URIRef, service: Service) -> None:
        output = self.uris("service", service.id, "output")
        self.graph.add((node, CPSV.produces, output))
        self.graph.add((output, RDF.type, CV.Output))
        self.graph.add((output, DCTERMS.identifier, Literal(f"{service.id}-output")))
        add_texts(self.graph, output, DCTERMS.title, service.output.name)
        add_texts(self.graph, output, DCTERMS.description, service.output.description)

    def _add_eid(self, node: URIRef, service_id: str, eid: Eid) -> None:
        g = self.graph
        req = self.uris("service", service_id, "requirement", "eid")
        g.add((node, CV.holdsRequirement, req))
        g.add((req, RDF.type, CV.Requirement))
        g.add((req, DCTERMS.identifier, Literal(f"{service_id}-eid")))
        g.add((req, DCTERMS.type, URIRef(vocab.LEVELS_OF_ASSURANCE[eid.loa])))
        codes = [code for code in vocab.EID_MEANS if code.notation in eid.means]
        nl = ", ".join(code.nl for code in codes)
        en = ", ".join(code.en for code in codes)
        titles = {
            "nl": f"Inloggen met {nl}, betrouwbaarheidsniveau minimaal eIDAS {eid.loa}",
            "en": f"Sign in with {en}, eIDAS level of assurance at least {eid.loa}",
        }
        if not eid.means:
            titles = {
                "nl": f"Geen inlogmiddel nodig; identiteit vastgesteld op niveau eIDAS {eid.loa}",
                "en": f"No eID needed; identity established at eIDAS level {eid.loa}",
            }
        add_texts(g, req, DCTERMS.title, titles)
        for means in eid.means:
            g.add((req, CV.hasSupportingEvidence, self.uris("eid-means", means)))
