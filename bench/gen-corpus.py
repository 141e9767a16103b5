#!/usr/bin/env python3
"""Generates a synthetic DocFX-style help corpus for benchmarks.

The shape follows the real SuperOffice corpus (../shared/corpus/superoffice-docs, measured
with bench/corpus-stats.py): one folder per language, the same page paths in every
language (pages pair across languages), a toc.yml in every folder (nested through
`href: sub/toc.yml`), includes/ folders, a shared media/ folder, front matter with uid,
title, description, keywords, MM.DD.YYYY dates, redirect_from and a share of redirect_url
stubs, and help-page bodies with headings, numbered steps, bullet lists, GFM tables,
fenced code, alerts, tab groups, includes, cross-links with anchors, reference-style links
and images.

Deterministic: the same arguments give byte-identical output (no clock, no hash order).

    python3 bench/gen-corpus.py --pages 10000 --out target/bench/synth-10k

`--pages` counts every page file (.md outside includes/, redirect stubs included) across
all languages; each language gets the same pages/len(languages) paths.
"""

import argparse
import math
import multiprocessing
import os
import posixpath
import random
import shutil
import struct
import sys
import zlib

LANGS_DEFAULT = ["en", "nl", "de", "da", "sv"]
PRODUCT = "SuperOffice CRM"

# Parallel vocabularies: index i means the same thing in every language, so a page's
# structure is chosen once and written in each language.
NOUNS = {
    "en": ["contact", "company", "project", "sale", "request", "follow-up", "document", "selection",
           "quote", "product", "price list", "mailing", "form", "dashboard", "report", "role",
           "user group", "user plan", "list", "category", "template", "web panel", "archive",
           "preference", "relation", "interest", "tag", "ticket", "knowledge base entry", "chat topic"],
    "nl": ["contactpersoon", "bedrijf", "project", "verkoop", "verzoek", "vervolgactie", "document",
           "selectie", "offerte", "product", "prijslijst", "mailing", "formulier", "dashboard",
           "rapport", "rol", "gebruikersgroep", "gebruikersplan", "lijst", "categorie", "sjabloon",
           "webpanel", "archief", "voorkeur", "relatie", "interesse", "tag", "ticket",
           "kennisbankitem", "chatonderwerp"],
    "de": ["Kontakt", "Firma", "Projekt", "Verkauf", "Anfrage", "Folgeaktivität", "Dokument",
           "Selektion", "Angebot", "Produkt", "Preisliste", "Mailing", "Formular", "Dashboard",
           "Bericht", "Rolle", "Benutzergruppe", "Benutzerplan", "Liste", "Kategorie", "Vorlage",
           "Web-Panel", "Archiv", "Präferenz", "Verknüpfung", "Interesse", "Tag", "Ticket",
           "Wissensdatenbankeintrag", "Chatthema"],
    "da": ["kontakt", "firma", "projekt", "salg", "henvendelse", "opfølgning", "dokument",
           "udvælgelse", "tilbud", "produkt", "prisliste", "mailing", "formular", "dashboard",
           "rapport", "rolle", "brugergruppe", "brugerplan", "liste", "kategori", "skabelon",
           "webpanel", "arkiv", "præference", "relation", "interesse", "tag", "sag",
           "vidensbaseartikel", "chatemne"],
    "sv": ["kontakt", "företag", "projekt", "försäljning", "ärende", "uppföljning", "dokument",
           "urval", "offert", "produkt", "prislista", "utskick", "formulär", "instrumentpanel",
           "rapport", "roll", "användargrupp", "användarplan", "lista", "kategori", "mall",
           "webbpanel", "arkiv", "inställning", "relation", "intresse", "tagg", "ärendenummer",
           "kunskapsbasartikel", "chattämne"],
}
VERBS = {  # (title form, imperative lower case)
    "en": [("Add", "add"), ("Edit", "edit"), ("Delete", "delete"), ("Create", "create"),
           ("Find", "find"), ("Export", "export"), ("Import", "import"), ("Link", "link"),
           ("Copy", "copy"), ("Archive", "archive"), ("Share", "share"), ("Configure", "configure"),
           ("Set up", "set up"), ("Update", "update"), ("Review", "review"), ("Assign", "assign")],
    "nl": [("toevoegen", "voeg toe"), ("bewerken", "bewerk"), ("verwijderen", "verwijder"),
           ("maken", "maak"), ("zoeken", "zoek"), ("exporteren", "exporteer"),
           ("importeren", "importeer"), ("koppelen", "koppel"), ("kopiëren", "kopieer"),
           ("archiveren", "archiveer"), ("delen", "deel"), ("configureren", "configureer"),
           ("instellen", "stel in"), ("bijwerken", "werk bij"), ("controleren", "controleer"),
           ("toewijzen", "wijs toe")],
    "de": [("hinzufügen", "fügen Sie hinzu"), ("bearbeiten", "bearbeiten Sie"),
           ("löschen", "löschen Sie"), ("erstellen", "erstellen Sie"), ("suchen", "suchen Sie"),
           ("exportieren", "exportieren Sie"), ("importieren", "importieren Sie"),
           ("verknüpfen", "verknüpfen Sie"), ("kopieren", "kopieren Sie"),
           ("archivieren", "archivieren Sie"), ("freigeben", "geben Sie frei"),
           ("konfigurieren", "konfigurieren Sie"), ("einrichten", "richten Sie ein"),
           ("aktualisieren", "aktualisieren Sie"), ("überprüfen", "überprüfen Sie"),
           ("zuweisen", "weisen Sie zu")],
    "da": [("Tilføj", "tilføj"), ("Rediger", "rediger"), ("Slet", "slet"), ("Opret", "opret"),
           ("Find", "find"), ("Eksportér", "eksportér"), ("Importér", "importér"),
           ("Kæd", "kæd"), ("Kopiér", "kopiér"), ("Arkivér", "arkivér"), ("Del", "del"),
           ("Konfigurer", "konfigurer"), ("Opsæt", "opsæt"), ("Opdater", "opdater"),
           ("Gennemgå", "gennemgå"), ("Tildel", "tildel")],
    "sv": [("Lägg till", "lägg till"), ("Redigera", "redigera"), ("Ta bort", "ta bort"),
           ("Skapa", "skapa"), ("Sök", "sök"), ("Exportera", "exportera"),
           ("Importera", "importera"), ("Länka", "länka"), ("Kopiera", "kopiera"),
           ("Arkivera", "arkivera"), ("Dela", "dela"), ("Konfigurera", "konfigurera"),
           ("Ställ in", "ställ in"), ("Uppdatera", "uppdatera"), ("Granska", "granska"),
           ("Tilldela", "tilldela")],
}
VERBS_EN_SLUG = ["add", "edit", "delete", "create", "find", "export", "import", "link", "copy",
                 "archive", "share", "configure", "set-up", "update", "review", "assign"]
NOUNS_EN_SLUG = [n.replace(" ", "-") for n in NOUNS["en"]]
UI = {
    "en": ["Settings and maintenance", "Save", "Cancel", "Add", "Edit", "Delete", "Details",
           "Licenses", "Navigator", "Lists", "Preferences", "Users", "Task menu", "Filter",
           "OK", "Apply", "Close", "Next", "Export", "Import", "New", "Search", "Options",
           "Visible for", "Owner", "Category", "Status", "Description", "Valid from", "Activate"],
    "nl": ["Instellingen en onderhoud", "Opslaan", "Annuleren", "Toevoegen", "Bewerken",
           "Verwijderen", "Details", "Licenties", "Navigator", "Lijsten", "Voorkeuren",
           "Gebruikers", "Taakmenu", "Filter", "OK", "Toepassen", "Sluiten", "Volgende",
           "Exporteren", "Importeren", "Nieuw", "Zoeken", "Opties", "Zichtbaar voor", "Eigenaar",
           "Categorie", "Status", "Beschrijving", "Geldig vanaf", "Activeren"],
    "de": ["Einstellungen und Wartung", "Speichern", "Abbrechen", "Hinzufügen", "Bearbeiten",
           "Löschen", "Details", "Lizenzen", "Navigator", "Listen", "Präferenzen", "Benutzer",
           "Aufgabenmenü", "Filter", "OK", "Übernehmen", "Schließen", "Weiter", "Exportieren",
           "Importieren", "Neu", "Suchen", "Optionen", "Sichtbar für", "Eigentümer", "Kategorie",
           "Status", "Beschreibung", "Gültig ab", "Aktivieren"],
    "da": ["Indstillinger og vedligeholdelse", "Gem", "Annuller", "Tilføj", "Rediger", "Slet",
           "Detaljer", "Licenser", "Navigator", "Lister", "Præferencer", "Brugere", "Opgavemenu",
           "Filter", "OK", "Anvend", "Luk", "Næste", "Eksportér", "Importér", "Ny", "Søg",
           "Indstillinger", "Synlig for", "Ejer", "Kategori", "Status", "Beskrivelse",
           "Gyldig fra", "Aktivér"],
    "sv": ["Inställningar och underhåll", "Spara", "Avbryt", "Lägg till", "Redigera", "Ta bort",
           "Detaljer", "Licenser", "Navigator", "Listor", "Inställningar", "Användare",
           "Uppgiftsmeny", "Filter", "OK", "Verkställ", "Stäng", "Nästa", "Exportera",
           "Importera", "Ny", "Sök", "Alternativ", "Synlig för", "Ägare", "Kategori", "Status",
           "Beskrivning", "Giltig från", "Aktivera"],
}
SENTENCES = {
    "en": [
        "Use the **{ui}** screen to {verb} {noun} records and keep track of related activities.",
        "When you {verb} a {noun}, {product} stores the change immediately and updates every linked record.",
        "The **{field}** field shows the value that applies to the selected {noun}.",
        "Only users with the right role can {verb} a {noun} in this list.",
        "You can change this later in **{ui}** if the needs of your organization change.",
        "Changes take effect the next time a user signs in to {product}.",
        "If the list contains many entries, start typing in the search field to filter the list.",
        "This option is available in {product} Online and in {product} Onsite from version 10.3.",
        "Select **{ui}** in the Navigator and click the **{field}** tab.",
        "The default value depends on the settings your administrator made in **{ui}**.",
        "Each {noun} can be linked to one {noun2}, and a {noun2} can have any number of them.",
        "To avoid duplicates, {product} checks whether a {noun} with the same name already exists.",
    ],
    "nl": [
        "Gebruik het scherm **{ui}** om {noun}-records te beheren en gerelateerde activiteiten bij te houden.",
        "Wanneer u een {noun} {verb}, slaat {product} de wijziging direct op en worden alle gekoppelde records bijgewerkt.",
        "Het veld **{field}** toont de waarde die geldt voor de geselecteerde {noun}.",
        "Alleen gebruikers met de juiste rol kunnen een {noun} in deze lijst wijzigen.",
        "U kunt dit later wijzigen in **{ui}** als de behoeften van uw organisatie veranderen.",
        "Wijzigingen worden van kracht wanneer een gebruiker zich opnieuw aanmeldt bij {product}.",
        "Als de lijst veel items bevat, begint u met typen in het zoekveld om de lijst te filteren.",
        "Deze optie is beschikbaar in {product} Online en in {product} Onsite vanaf versie 10.3.",
        "Selecteer **{ui}** in de Navigator en klik op het tabblad **{field}**.",
        "De standaardwaarde hangt af van de instellingen die uw beheerder heeft gemaakt in **{ui}**.",
        "Elke {noun} kan aan één {noun2} worden gekoppeld, en een {noun2} kan er een onbeperkt aantal hebben.",
        "Om dubbele items te voorkomen, controleert {product} of er al een {noun} met dezelfde naam bestaat.",
    ],
    "de": [
        "Verwenden Sie den Bildschirm **{ui}**, um {noun}-Datensätze zu verwalten und zugehörige Aktivitäten zu verfolgen.",
        "Wenn Sie einen Eintrag vom Typ {noun} ändern, speichert {product} die Änderung sofort und aktualisiert alle verknüpften Datensätze.",
        "Das Feld **{field}** zeigt den Wert an, der für das ausgewählte Element ({noun}) gilt.",
        "Nur Benutzer mit der richtigen Rolle können einen Eintrag vom Typ {noun} in dieser Liste ändern.",
        "Sie können dies später unter **{ui}** ändern, wenn sich die Anforderungen Ihrer Organisation ändern.",
        "Änderungen werden wirksam, wenn sich ein Benutzer das nächste Mal bei {product} anmeldet.",
        "Wenn die Liste viele Einträge enthält, beginnen Sie mit der Eingabe im Suchfeld, um die Liste zu filtern.",
        "Diese Option ist in {product} Online und in {product} Onsite ab Version 10.3 verfügbar.",
        "Wählen Sie im Navigator **{ui}** aus und klicken Sie auf die Registerkarte **{field}**.",
        "Der Standardwert hängt von den Einstellungen ab, die Ihr Administrator unter **{ui}** vorgenommen hat.",
        "Jeder Eintrag ({noun}) kann mit genau einem Element ({noun2}) verknüpft werden.",
        "Um Duplikate zu vermeiden, prüft {product}, ob bereits ein Eintrag ({noun}) mit demselben Namen existiert.",
    ],
    "da": [
        "Brug skærmen **{ui}** til at administrere {noun}-poster og holde styr på relaterede aktiviteter.",
        "Når du ændrer en {noun}, gemmer {product} ændringen med det samme og opdaterer alle tilknyttede poster.",
        "Feltet **{field}** viser den værdi, der gælder for den valgte {noun}.",
        "Kun brugere med den rette rolle kan ændre en {noun} på denne liste.",
        "Du kan ændre dette senere under **{ui}**, hvis organisationens behov ændrer sig.",
        "Ændringer træder i kraft, næste gang en bruger logger på {product}.",
        "Hvis listen indeholder mange poster, skal du begynde at skrive i søgefeltet for at filtrere listen.",
        "Denne indstilling er tilgængelig i {product} Online og i {product} Onsite fra version 10.3.",
        "Vælg **{ui}** i navigatoren, og klik på fanen **{field}**.",
        "Standardværdien afhænger af de indstillinger, som din administrator har foretaget under **{ui}**.",
        "Hver {noun} kan knyttes til én {noun2}, og en {noun2} kan have et vilkårligt antal.",
        "For at undgå dubletter kontrollerer {product}, om der allerede findes en {noun} med samme navn.",
    ],
    "sv": [
        "Använd skärmen **{ui}** för att hantera {noun}-poster och hålla reda på relaterade aktiviteter.",
        "När du ändrar en {noun} sparar {product} ändringen direkt och uppdaterar alla länkade poster.",
        "Fältet **{field}** visar det värde som gäller för den valda {noun}.",
        "Endast användare med rätt roll kan ändra en {noun} i den här listan.",
        "Du kan ändra detta senare under **{ui}** om organisationens behov förändras.",
        "Ändringarna börjar gälla nästa gång en användare loggar in i {product}.",
        "Om listan innehåller många poster börjar du skriva i sökfältet för att filtrera listan.",
        "Det här alternativet finns i {product} Online och i {product} Onsite från version 10.3.",
        "Välj **{ui}** i navigatorn och klicka på fliken **{field}**.",
        "Standardvärdet beror på de inställningar som din administratör har gjort under **{ui}**.",
        "Varje {noun} kan kopplas till en {noun2}, och en {noun2} kan ha valfritt antal.",
        "För att undvika dubbletter kontrollerar {product} om det redan finns en {noun} med samma namn.",
    ],
}
STEP = {  # numbered-step templates
    "en": ["Click **{ui}**.", "Select the **{field}** tab.", "Enter a name for the {noun} in the **{field}** field.",
           "Select a value in the **{field}** list.", "Click **{ui}** to confirm.",
           "Open the {noun} you want to {verb}.", "Fill in the remaining fields as needed.",
           "Select the check box **{field}** to make the {noun} visible for everyone."],
    "nl": ["Klik op **{ui}**.", "Selecteer het tabblad **{field}**.", "Voer een naam voor de {noun} in het veld **{field}** in.",
           "Selecteer een waarde in de lijst **{field}**.", "Klik op **{ui}** om te bevestigen.",
           "Open de {noun} die u wilt wijzigen.", "Vul de overige velden naar wens in.",
           "Schakel het selectievakje **{field}** in om de {noun} voor iedereen zichtbaar te maken."],
    "de": ["Klicken Sie auf **{ui}**.", "Wählen Sie die Registerkarte **{field}** aus.",
           "Geben Sie im Feld **{field}** einen Namen für den Eintrag ({noun}) ein.",
           "Wählen Sie einen Wert in der Liste **{field}** aus.", "Klicken Sie zur Bestätigung auf **{ui}**.",
           "Öffnen Sie den Eintrag ({noun}), den Sie ändern möchten.", "Füllen Sie die übrigen Felder nach Bedarf aus.",
           "Aktivieren Sie das Kontrollkästchen **{field}**, um den Eintrag für alle sichtbar zu machen."],
    "da": ["Klik på **{ui}**.", "Vælg fanen **{field}**.", "Angiv et navn til {noun} i feltet **{field}**.",
           "Vælg en værdi på listen **{field}**.", "Klik på **{ui}** for at bekræfte.",
           "Åbn den {noun}, du vil ændre.", "Udfyld de øvrige felter efter behov.",
           "Markér afkrydsningsfeltet **{field}** for at gøre {noun} synlig for alle."],
    "sv": ["Klicka på **{ui}**.", "Välj fliken **{field}**.", "Ange ett namn för {noun} i fältet **{field}**.",
           "Välj ett värde i listan **{field}**.", "Klicka på **{ui}** för att bekräfta.",
           "Öppna den {noun} som du vill ändra.", "Fyll i övriga fält efter behov.",
           "Markera kryssrutan **{field}** för att göra {noun} synlig för alla."],
}
# Section headings by kind: each a template with {noun}/{ui}.
HEADINGS = {
    "en": {"steps": ["Steps", "Add a {noun}", "Before you start", "Set up the {noun}"],
           "fields": ["Fields on the {ui} tab", "Important fields explained", "Options for {noun}"],
           "table": ["Overview of {noun} settings", "Available columns", "Permissions"],
           "code": ["Use the API", "Example request", "Script example"],
           "tabs": ["Differences between Online and Onsite", "Plans"],
           "prose": ["About {noun} records", "How {noun} and {noun2} work together", "Visibility", "Limitations"],
           "example": ["Example"], "related": ["Related content"]},
    "nl": {"steps": ["Stappen", "Een {noun} toevoegen", "Voordat u begint", "De {noun} instellen"],
           "fields": ["Velden op het tabblad {ui}", "Belangrijke velden uitgelegd", "Opties voor {noun}"],
           "table": ["Overzicht van {noun}-instellingen", "Beschikbare kolommen", "Rechten"],
           "code": ["De API gebruiken", "Voorbeeldverzoek", "Scriptvoorbeeld"],
           "tabs": ["Verschillen tussen Online en Onsite", "Abonnementen"],
           "prose": ["Over {noun}-records", "Hoe {noun} en {noun2} samenwerken", "Zichtbaarheid", "Beperkingen"],
           "example": ["Voorbeeld"], "related": ["Gerelateerde inhoud"]},
    "de": {"steps": ["Schritte", "Einen Eintrag hinzufügen ({noun})", "Bevor Sie beginnen", "{noun} einrichten"],
           "fields": ["Felder auf der Registerkarte {ui}", "Wichtige Felder erklärt", "Optionen für {noun}"],
           "table": ["Übersicht der Einstellungen für {noun}", "Verfügbare Spalten", "Berechtigungen"],
           "code": ["Die API verwenden", "Beispielanfrage", "Skriptbeispiel"],
           "tabs": ["Unterschiede zwischen Online und Onsite", "Pläne"],
           "prose": ["Über {noun}-Datensätze", "Wie {noun} und {noun2} zusammenarbeiten", "Sichtbarkeit", "Einschränkungen"],
           "example": ["Beispiel"], "related": ["Verwandte Inhalte"]},
    "da": {"steps": ["Trin", "Tilføj en {noun}", "Før du begynder", "Opsæt {noun}"],
           "fields": ["Felter på fanen {ui}", "Vigtige felter forklaret", "Indstillinger for {noun}"],
           "table": ["Oversigt over indstillinger for {noun}", "Tilgængelige kolonner", "Rettigheder"],
           "code": ["Brug API'en", "Eksempel på forespørgsel", "Scripteksempel"],
           "tabs": ["Forskelle mellem Online og Onsite", "Planer"],
           "prose": ["Om {noun}-poster", "Sådan arbejder {noun} og {noun2} sammen", "Synlighed", "Begrænsninger"],
           "example": ["Eksempel"], "related": ["Relateret indhold"]},
    "sv": {"steps": ["Steg", "Lägg till en {noun}", "Innan du börjar", "Ställ in {noun}"],
           "fields": ["Fält på fliken {ui}", "Viktiga fält förklarade", "Alternativ för {noun}"],
           "table": ["Översikt över inställningar för {noun}", "Tillgängliga kolumner", "Behörigheter"],
           "code": ["Använd API:et", "Exempelbegäran", "Skriptexempel"],
           "tabs": ["Skillnader mellan Online och Onsite", "Planer"],
           "prose": ["Om {noun}-poster", "Hur {noun} och {noun2} samverkar", "Synlighet", "Begränsningar"],
           "example": ["Exempel"], "related": ["Relaterat innehåll"]},
}
TABLE_HEAD = {"en": ("Field", "Description", "Required"), "nl": ("Veld", "Beschrijving", "Verplicht"),
              "de": ("Feld", "Beschreibung", "Pflichtfeld"), "da": ("Felt", "Beskrivelse", "Påkrævet"),
              "sv": ("Fält", "Beskrivning", "Obligatoriskt")}
YES_NO = {"en": ("Yes", "No"), "nl": ("Ja", "Nee"), "de": ("Ja", "Nein"), "da": ("Ja", "Nej"), "sv": ("Ja", "Nej")}
OVERVIEW = {"en": "{noun} overview", "nl": "Overzicht {noun}", "de": "Übersicht: {noun}",
            "da": "Oversigt over {noun}", "sv": "Översikt över {noun}"}
TABS = {"en": [("Online", "online"), ("Onsite", "onsite"), ("Mobile", "mobile")],
        "nl": [("Online", "online"), ("Onsite", "onsite"), ("Mobiel", "mobile")],
        "de": [("Online", "online"), ("Onsite", "onsite"), ("Mobil", "mobile")],
        "da": [("Online", "online"), ("Onsite", "onsite"), ("Mobil", "mobile")],
        "sv": [("Online", "online"), ("Onsite", "onsite"), ("Mobil", "mobile")]}
SCREENSHOT = {"en": "screenshot", "nl": "schermafbeelding", "de": "Screenshot", "da": "skærmbillede",
              "sv": "skärmbild"}
AUDIENCES = [("settings", "Settings and maintenance"), ("person", "End user"), ("api", "Developers")]
CONTENT_TYPES = ["howto", "concept", "reference", "howto", "howto", "concept"]
TIERS = ["starter", "essential", "premium", "starter"]
AUTHORS = ["digitaldiina", "SuperOfficeDocs", "Bergfrid Dias", "jssoffice"]
AREAS = ["admin", "ai", "automation", "chat", "company", "contact", "custom-objects", "customer-center",
         "customization", "dashboard", "diary", "document", "email", "erp", "faq", "knowledge-base",
         "lead", "learn", "marketing", "mobile", "onsite", "project", "quote", "reports", "request",
         "sale", "security", "selection", "ui", "search-options"]
SUBFOLDERS = ["learn", "admin", "howto", "reference", "settings", "lists", "options", "import",
              "export", "templates", "user-management", "role", "preferences", "license",
              "integration", "workflow", "archive", "fields", "views", "mobile"]
ALERTS = ["NOTE"] * 12 + ["TIP"] * 5 + ["IMPORTANT", "WARNING", "CAUTION"]
CODE_LANGS = ["json", "csharp", "xml", "sql", "javascript", "powershell", "http", "yaml", "text"]

LEAF_MAX = 14  # folders with more pages than this get subfolders


def weighted(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for v, w in pairs:
        x -= w
        if x < 0:
            return v
    return pairs[-1][0]


def slugify(text):
    """helpgen's (GitHub's) heading id: lower case, punctuation dropped, spaces to hyphens."""
    out = []
    for c in text.strip():
        if c.isalnum() or c in "_-":
            out.append(c.lower())
        elif c.isspace():
            out.append("-")
    return "".join(out)


def cap(s):
    return s[:1].upper() + s[1:]


# ---------------------------------------------------------------------------------------
# Structure: folders, pages and their section plans, shared by every language.


class Page:
    __slots__ = ("path", "verb", "noun", "noun2", "is_index", "stub_to", "seed", "sections",
                 "ctype", "target_bytes", "folder", "tabs_ids")

    def __init__(self, path, folder, verb, noun, noun2, seed):
        self.path = path  # below the language folder, e.g. admin/learn/add-contact.md
        self.folder = folder
        self.verb, self.noun, self.noun2 = verb, noun, noun2
        self.is_index = path.endswith("/index.md") or path == "index.md"
        self.stub_to = None  # Page this redirect stub points at
        self.seed = seed
        self.sections = []  # (kind, heading template index)
        self.ctype = "howto"
        self.target_bytes = 0
        self.tabs_ids = []


class Folder:
    __slots__ = ("path", "noun", "pages", "children", "includes", "stubs")

    def __init__(self, path, noun):
        self.path, self.noun = path, noun
        self.pages, self.children, self.includes, self.stubs = [], [], [], []


def build_structure(rng, content_per_lang, stubs_per_lang):
    root = Folder("", 0)
    n_areas = max(4, min(len(AREAS) * 3, round(content_per_lang / 160)))
    sizes = split_count(rng, content_per_lang, n_areas)
    used = set()
    for i, size in enumerate(sizes):
        base = AREAS[i % len(AREAS)]
        name = base if i < len(AREAS) else f"{base}-{i // len(AREAS) + 1}"
        used.add(name)
        root.children.append(make_folder(rng, name, size, 1))
    pages = [p for f in walk(root) for p in f.pages]
    # Redirect stubs: old page names in random folders, pointing at a content page.
    folders = [f for f in walk(root) if f.path]
    for k in range(stubs_per_lang):
        f = rng.choice(folders)
        v, n = rng.randrange(len(VERBS_EN_SLUG)), rng.randrange(len(NOUNS_EN_SLUG))
        stub = Page(f"{f.path}/{VERBS_EN_SLUG[v]}-{NOUNS_EN_SLUG[n]}-old-{k}.md", f, v, n, n,
                    rng.randrange(1 << 30))
        stub.stub_to = rng.choice(pages)
        f.stubs.append(stub)
    return root


def split_count(rng, n, parts):
    """n split into `parts` positive sizes, uneven like real areas."""
    weights = [0.4 + rng.random() * 1.2 for _ in range(parts)]
    total = sum(weights)
    sizes = [max(1, int(n * w / total)) for w in weights]
    i = 0
    while sum(sizes) < n:
        sizes[i % parts] += 1
        i += 1
    while sum(sizes) > n:
        j = max(range(parts), key=lambda k: sizes[k])
        sizes[j] -= 1
    return sizes


def make_folder(rng, path, n, depth):
    folder = Folder(path, rng.randrange(len(NOUNS_EN_SLUG)))
    if n <= LEAF_MAX or depth >= 5:
        own = n
    else:
        own = min(n, rng.randint(3, 8))
    names = set()
    for k in range(own):
        if k == 0:
            name, v, noun = "index", 0, folder.noun
        else:
            while True:
                v, noun = rng.randrange(len(VERBS_EN_SLUG)), rng.randrange(len(NOUNS_EN_SLUG))
                name = f"{VERBS_EN_SLUG[v]}-{NOUNS_EN_SLUG[noun]}"
                if name not in names:
                    break
        names.add(name)
        page = Page(f"{path}/{name}.md", folder, v, noun, rng.randrange(len(NOUNS_EN_SLUG)),
                    rng.randrange(1 << 30))
        plan_page(rng, page)
        folder.pages.append(page)
    rest = n - own
    if rest > 0:
        k = max(2, min(len(SUBFOLDERS), math.ceil(rest / (LEAF_MAX * 1.5))))
        subnames = rng.sample(SUBFOLDERS, k)
        for sub, size in zip(subnames, split_count(rng, rest, k)):
            folder.children.append(make_folder(rng, f"{path}/{sub}", size, depth + 1))
    # Includes of this area (top-level folders get a few; the language root gets more).
    if depth == 1:
        folder.includes = [f"{path}/includes/{name}" for name in include_names(rng, 6)]
    return folder


def walk(folder):
    yield folder
    for c in folder.children:
        yield from walk(c)


def plan_page(rng, page):
    """Chooses content type, size and sections once; every language writes the same plan."""
    # Body sizes of the real corpus: median ~3.0 KB, p10 ~0.85 KB, p90 ~7.6 KB (lognormal;
    # the target is lower because every page also gets a title, intro and related links).
    page.target_bytes = int(min(40000, max(350, rng.lognormvariate(math.log(2300), 0.85))))
    if page.is_index:
        page.target_bytes = int(page.target_bytes * 0.6)
    page.ctype = rng.choice(CONTENT_TYPES)
    kinds = {
        "howto": [("steps", 5), ("fields", 3), ("table", 1.2), ("prose", 2), ("example", 1), ("code", 0.5)],
        "concept": [("prose", 5), ("table", 1.5), ("fields", 2), ("steps", 1), ("example", 1), ("code", 0.4)],
        "reference": [("table", 3), ("fields", 3), ("code", 1.5), ("prose", 2), ("steps", 1)],
    }[page.ctype]
    # Estimated bytes per section kind, to stop near the target size.
    est = {"steps": 700, "fields": 800, "table": 650, "prose": 750, "example": 450, "code": 650,
           "tabs": 1100}
    size = 450  # title, intro, related content
    used = {}
    has_table = rng.random() < 0.22
    has_code = rng.random() < 0.08
    has_tabs = rng.random() < 0.04
    kinds = [(k, w) for k, w in kinds if (k != "code" or has_code) and (k != "table" or has_table)]
    while size < page.target_bytes or not page.sections:
        open_kinds = [(k, w) for k, w in kinds if used.get(k, 0) < 6]
        if not open_kinds:
            break
        kind = weighted(rng, open_kinds)
        used[kind] = used.get(kind, 0) + 1
        page.sections.append((kind, used[kind] - 1))
        size += est[kind]
    if has_tabs:
        page.sections.insert(min(1, len(page.sections)), ("tabs", 0))
        page.tabs_ids = [t[1] for t in TABS["en"][: rng.randint(2, 3)]]
    if has_table and "table" not in used:
        page.sections.append(("table", 0))
    if has_code and "code" not in used:
        page.sections.append(("code", 0))


def include_names(rng, n):
    base = ["goto-settings.md", "save-or-cancel.md", "goto-lists.md", "note-permissions.md",
            "req-online.md", "tip-search.md", "goto-users.md", "open-card.md", "note-onsite.md",
            "req-license.md", "steps-export.md", "warning-delete.md"]
    return sorted(rng.sample(base, min(n, len(base))))


ROOT_INCLUDES = ["goto-settings.md", "save-or-cancel.md", "goto-lists.md", "note-permissions.md",
                 "req-online.md", "tip-search.md", "goto-users.md", "open-card.md", "note-onsite.md",
                 "req-license.md", "steps-export.md", "warning-delete.md", "note-beta.md",
                 "req-admin.md", "goto-navigator.md", "tip-shortcuts.md"]


# ---------------------------------------------------------------------------------------
# Text, per language.


class Writer:
    """Writes one language's pages from the shared plan."""

    def __init__(self, lang, root, all_pages, out):
        self.lang = lang
        self.root = root
        self.pages = all_pages
        self.out = out
        self.anchor_cache = {}

    # -- words -----------------------------------------------------------------------
    def noun(self, i):
        return NOUNS[self.lang][i]

    def title(self, page):
        if page.is_index:
            return cap(OVERVIEW[self.lang].format(noun=self.noun(page.folder.noun)))
        verb_title, _ = VERBS[self.lang][page.verb]
        noun = self.noun(page.noun)
        if self.lang in ("nl", "de"):
            return cap(f"{noun} {verb_title}")
        if self.lang == "en":
            return f"{verb_title} {noun}" if noun[0] not in "aeiou" else f"{verb_title} an {noun}"
        return f"{verb_title} {noun}"

    def fill(self, rng, template, page):
        return template.format(
            ui=rng.choice(UI[self.lang]),
            field=rng.choice(UI[self.lang][6:]),
            noun=self.noun(page.noun if rng.random() < 0.6 else rng.randrange(len(NOUNS_EN_SLUG))),
            noun2=self.noun(page.noun2),
            verb=VERBS[self.lang][page.verb][1],
            product=PRODUCT,
        )

    def sentence(self, rng, page):
        return self.fill(rng, rng.choice(SENTENCES[self.lang]), page)

    def paragraph(self, rng, page, n=None, links=None):
        n = n or rng.randint(2, 4)
        parts = [self.sentence(rng, page) for _ in range(n)]
        if links:
            # Put a link on a word of one sentence, as writers do ("see [Roles][3]").
            for link in links:
                i = rng.randrange(len(parts))
                parts[i] = parts[i].rstrip(".") + f" ({link})."
        return " ".join(parts)

    def heading_text(self, page, kind, idx):
        options = HEADINGS[self.lang][kind]
        rng = random.Random(page.seed * 31 + idx * 7 + hash_kind(kind))
        t = options[(idx + rng.randrange(len(options))) % len(options)]
        return cap(t.format(noun=self.noun(page.noun), noun2=self.noun(page.noun2),
                            ui=UI[self.lang][(page.seed >> 3) % len(UI[self.lang])]))

    def explicit_id(self, page, pos):
        """The raw `<a id>` some headings carry (about 5%), or None."""
        if (page.seed >> (pos % 24)) % 20 != 0:
            return None
        return f"section-{pos}"

    def anchors(self, page):
        """Ids that a cross-link to `page` may target in this language: explicit `<a id>`s,
        tab ids, and heading slugs that are unique on the page (duplicates get `-1`
        suffixes in an order this generator does not try to predict)."""
        got = self.anchor_cache.get(page.path)
        if got is None:
            slugs = [slugify(self.title(page)), slugify(HEADINGS[self.lang]["related"][0])]
            candidates = []
            for pos, (kind, idx) in enumerate(page.sections):
                if kind == "tabs":
                    labels = dict((b, a) for a, b in TABS[self.lang])
                    slugs += [slugify(labels[t]) for t in page.tabs_ids]
                    candidates += [f"tab/{t}" for t in page.tabs_ids]
                    continue
                explicit = self.explicit_id(page, pos)
                if explicit:
                    candidates.append(explicit)
                    continue
                slug = slugify(self.heading_text(page, kind, idx))
                slugs.append(slug)
                candidates.append(slug)
            got = [c for c in candidates if c.startswith(("tab/", "section-")) or slugs.count(c) == 1]
            self.anchor_cache[page.path] = got
        return got

    def uid(self, page):
        return f"help-{self.lang}-" + page.path[:-3].replace("/", "-")

    # -- links -----------------------------------------------------------------------
    def link_target(self, rng, page):
        """A relative link from `page` to another page of the same language, sometimes with an anchor."""
        r = rng.random()
        if r < 0.5:
            pool = page.folder.pages
        elif r < 0.65 and page.folder.children:
            pool = rng.choice(page.folder.children).pages
        else:
            pool = None
        target = rng.choice(pool) if pool else self.pages[rng.randrange(len(self.pages))]
        if target is page and len(page.folder.pages) > 1:
            target = page.folder.pages[0] if page is not page.folder.pages[0] else page.folder.pages[1]
        href = posixpath.relpath(target.path, posixpath.dirname(page.path))
        if target is page:
            href = ""
        if rng.random() < 0.4:
            ids = self.anchors(target)
            if ids:
                href += "#" + rng.choice(ids)
        return target, href or "#"

    # -- sections --------------------------------------------------------------------
    def body(self, page):
        rng = random.Random(page.seed * 1009 + LANG_SEED[self.lang])
        refs = []  # (label, target) reference definitions
        images = []

        def ref(target_href):
            refs.append(target_href)
            return str(len(refs))

        def image():
            images.append(rng.randrange(len(MEDIA)))
            return f"img{len(images)}"

        def include_path(name):
            area = page.path.split("/")[0]
            area_folder = next(f for f in self.root.children if f.path == area)
            if area_folder.includes and rng.random() < 0.5:
                target = rng.choice(area_folder.includes)
            else:
                target = f"includes/{name}"
            return posixpath.relpath(target, posixpath.dirname(page.path))

        out = [f"# {self.title(page)}", ""]
        intro_links = []
        if rng.random() < 0.55:
            t, href = self.link_target(rng, page)
            intro_links.append(f"[{self.title(t)}][{ref(href)}]")
        out += [self.paragraph(rng, page, links=intro_links), ""]
        if rng.random() < 0.45:
            out += [self.paragraph(rng, page), ""]
        if rng.random() < 0.64:
            out += self.alert(rng, page)
        if rng.random() < 0.12:
            name = rng.choice(ROOT_INCLUDES)
            out += [f"[!include[{name[:-3]}]({include_path(name)})]", ""]
        for pos, (kind, idx) in enumerate(page.sections):
            if kind == "tabs":
                out += self.tabs(rng, page)
                continue
            heading = self.heading_text(page, kind, idx)
            level = "###" if kind in ("example",) or (kind == "prose" and rng.random() < 0.3) else "##"
            explicit = self.explicit_id(page, pos)
            if explicit:
                out += [f'{level} <a id="{explicit}"></a>{heading}', ""]
            else:
                out += [f"{level} {heading}", ""]
            out += getattr(self, "sec_" + kind)(rng, page, ref, image, include_path)
        # Related content with reference-style links, as the real corpus does.
        related = []
        for _ in range(rng.randint(1, 4)):
            t, href = self.link_target(rng, page)
            related.append(f"* [{self.title(t)}][{ref(href)}]")
        if rng.random() < 0.25:
            related.append(f"* [{PRODUCT} community](https://community.example.com/{self.lang}/{page.noun})")
        if rng.random() < 0.05:
            related.append(f"* <xref:{self.uid(rng.choice(self.pages))}>")
        out += [f"## {HEADINGS[self.lang]['related'][0]}", ""] + related + [""]
        if refs:
            out += ["<!-- Referenced links -->", ""]
            out += [f"[{i + 1}]: {h}" for i, h in enumerate(refs)]
            out.append("")
        if images:
            out += ["<!-- Referenced images -->"]
            media_rel = posixpath.relpath("media", posixpath.join(self.lang, posixpath.dirname(page.path)))
            out += [f"[img{i + 1}]: {media_rel}/{MEDIA[m]}" for i, m in enumerate(images)]
            out.append("")
        return "\n".join(out)

    def alert(self, rng, page):
        kind = rng.choice(ALERTS)
        lines = [f"> [!{kind}]"]
        for _ in range(rng.randint(1, 2)):
            lines.append("> " + self.sentence(rng, page))
        return lines + [""]

    def sec_steps(self, rng, page, ref, image, include_path):
        out = []
        if rng.random() < 0.5:
            out += [self.sentence(rng, page), ""]
        n = rng.randint(3, 9)
        for k in range(n):
            if k == 0 and rng.random() < 0.25:
                name = rng.choice([x for x in ROOT_INCLUDES if x.startswith(("goto", "open"))])
                out.append(f"1. [!include[{name[:-3]}]({include_path(name)})]")
                continue
            if k == n - 1 and rng.random() < 0.15:
                out.append(f"1. [!include[save-or-cancel]({include_path('save-or-cancel.md')})]")
                continue
            out.append("1. " + self.fill(rng, rng.choice(STEP[self.lang]), page))
            if rng.random() < 0.1:
                out += ["", f"    ![{self.title(page)} -{SCREENSHOT[self.lang]}][{image()}]", ""]
            elif rng.random() < 0.08:
                out += ["", "    * " + self.sentence(rng, page), "    * " + self.sentence(rng, page), ""]
        out.append("")
        if rng.random() < 0.2:
            out += self.alert(rng, page)
        return out

    def sec_fields(self, rng, page, ref, image, include_path):
        out = []
        if rng.random() < 0.5:
            out += [self.sentence(rng, page) + ":", ""]
        for _ in range(rng.randint(3, 7)):
            text = " ".join(self.sentence(rng, page) for _ in range(rng.randint(1, 2)))
            if rng.random() < 0.15:
                t, href = self.link_target(rng, page)
                text += f" [{self.title(t)}][{ref(href)}]."
            out += [f"* **{rng.choice(UI[self.lang][6:])}:** {text}", ""]
        if rng.random() < 0.2:
            out += [f"![{self.title(page)} -{SCREENSHOT[self.lang]}][{image()}]", ""]
        return out

    def sec_table(self, rng, page, ref, image, include_path):
        head = TABLE_HEAD[self.lang]
        three = rng.random() < 0.4
        out = [self.sentence(rng, page), ""]
        out.append(f"| {head[0]} | {head[1]} |" + (f" {head[2]} |" if three else ""))
        out.append("|---|---|" + ("---|" if three else ""))
        for _ in range(rng.randint(3, 8)):
            name = f"**{rng.choice(UI[self.lang])}**"
            if rng.random() < 0.1:
                t, href = self.link_target(rng, page)
                name = f"[{self.title(t)}]({href})"
            row = f"| {name} | {self.sentence(rng, page)} |"
            if three:
                row += f" {rng.choice(YES_NO[self.lang])} |"
            out.append(row)
        return out + [""]

    def sec_code(self, rng, page, ref, image, include_path):
        lang = rng.choice(CODE_LANGS)
        return [self.sentence(rng, page), "", f"```{lang}"] + code_sample(rng, lang, page) + ["```", ""]

    def sec_prose(self, rng, page, ref, image, include_path):
        out = []
        for _ in range(rng.randint(1, 3)):
            links = []
            if rng.random() < 0.35:
                t, href = self.link_target(rng, page)
                links.append(f"[{self.title(t)}]({href})")
            out += [self.paragraph(rng, page, links=links), ""]
        if rng.random() < 0.25:
            out += [f"![{self.title(page)} -{SCREENSHOT[self.lang]}][{image()}]", ""]
        if rng.random() < 0.3:
            out += ["* " + self.sentence(rng, page) for _ in range(rng.randint(2, 5))] + [""]
        return out

    def sec_example(self, rng, page, ref, image, include_path):
        return [self.paragraph(rng, page, n=rng.randint(2, 5)), ""]

    def tabs(self, rng, page):
        out = ["<!-- markdownlint-disable-file MD051 -->"]
        for tid in page.tabs_ids:
            label = dict((b, a) for a, b in TABS[self.lang])[tid]
            out += [f"#### [{label}](#tab/{tid})", "", self.paragraph(rng, page), ""]
            out += ["* " + self.sentence(rng, page) for _ in range(rng.randint(2, 4))] + [""]
        return out + ["***", ""]

    # -- files -----------------------------------------------------------------------
    def front_matter(self, page):
        rng = random.Random(page.seed * 7 + LANG_SEED[self.lang])
        title = self.title(page)
        aud, tip = rng.choice(AUDIENCES)
        month, day, year = rng.randint(1, 12), rng.randint(1, 28), rng.randint(2019, 2026)
        kw = ", ".join(dict.fromkeys([self.noun(page.noun), self.noun(page.noun2),
                                      rng.choice(UI[self.lang]).lower()]))
        lines = [
            "---",
            f"uid: {self.uid(page)}",
            f"title: {yaml_str(title)}",
            f"description: {yaml_str(self.sentence(rng, page).replace('**', ''))}",
            f"keywords: {yaml_str(kw)}",
            f"author: {rng.choice(AUTHORS)}",
            f"date: {month:02d}.{day:02d}.{year}",
            f"version: {rng.choice(['10', '10.3', '11', '11.2', '12.0'])}",
            f"content_type: {page.ctype}",
            f"audience: {aud}",
            f"audience_tooltip: {tip}",
        ]
        if rng.random() < 0.4:
            lines.append(f"category: {self.noun(page.folder.noun)}")
        if rng.random() < 0.3:
            lines.append(f"topic: {self.noun(page.noun)}")
        if rng.random() < 0.35:
            lines.append("index: true")
        lines.append(f"tier: {rng.choice(TIERS)}")
        r = rng.random()
        old = f"/{self.lang}/{posixpath.dirname(page.path)}/old/{posixpath.basename(page.path)[:-3]}"
        if r < 0.3:
            lines.append(f"redirect_from: {old}")
        elif r < 0.5:
            lines += ["redirect_from:", f"  - {old}", f"  - {old}-legacy"]
        lines += [f"language: {self.lang}", "---", ""]
        return "\n".join(lines)

    def stub(self, page):
        target = page.stub_to.path[:-3] + ".html"
        if page.seed % 5 == 0:
            url = f"/{self.lang}/{target}"
        else:
            url = f"https://docs.example.com/{self.lang}/{target}"
        return (f"---\nredirect_url: {url}\n"
                "# The sole purpose of this file is to avoid 404 if someone uses the old address\n---\n")

    def toc(self, folder):
        lines = ["items:"]
        for p in folder.pages:
            lines += [f"  - name: {yaml_str(self.title(p))}", f"    href: {posixpath.basename(p.path)}"]
        for c in folder.children:
            name = cap(self.noun(c.noun)) if c.pages else c.path.rsplit("/", 1)[-1]
            lines += [f"  - name: {yaml_str(name)}",
                      f"    href: {c.path.rsplit('/', 1)[-1]}/toc.yml",
                      f"    topicHref: {c.path.rsplit('/', 1)[-1]}/index.md"]
        return "\n".join(lines) + "\n"

    def root_toc(self):
        lines = ["items:"]
        for c in self.root.children:
            lines += [f"  - name: {yaml_str(cap(self.noun(c.noun)))}", f"    href: {c.path}/toc.yml",
                      f"    topicHref: {c.path}/index.md"]
        return "\n".join(lines) + "\n"

    def include(self, rel, rng):
        name = posixpath.basename(rel)[:-3]
        head = "<!-- markdownlint-disable-file MD041 -->\n"
        fake = Page("x.md", None, rng.randrange(16), rng.randrange(30), rng.randrange(30), 0)
        if name.startswith(("goto", "open")):
            return head + self.fill(rng, STEP[self.lang][0], fake) + "\n"
        if name == "save-or-cancel":
            return head + self.fill(rng, STEP[self.lang][4], fake) + "\n"
        if name.startswith(("note", "tip", "warning")):
            kind = {"note": "NOTE", "tip": "TIP", "warning": "WARNING"}[name.split("-")[0]]
            return head + f"> [!{kind}]\n> " + self.sentence(rng, fake) + "\n"
        if name.startswith("req"):
            h = TABLE_HEAD[self.lang]
            rows = "\n".join(f"| {rng.choice(UI[self.lang])} | {self.sentence(rng, fake)} |" for _ in range(3))
            return head + f"| {h[0]} | {h[1]} |\n|---|---|\n{rows}\n"
        steps = "\n".join("1. " + self.fill(rng, rng.choice(STEP[self.lang]), fake) for _ in range(4))
        return head + steps + "\n"

    def write_all(self):
        base = os.path.join(self.out, self.lang)
        count = 0
        for folder in walk(self.root):
            d = os.path.join(base, folder.path) if folder.path else base
            os.makedirs(d, exist_ok=True)
            if folder.path:
                write(os.path.join(d, "toc.yml"), self.toc(folder))
            for p in folder.pages:
                write(os.path.join(base, p.path), self.front_matter(p) + "\n" + self.body(p))
                count += 1
            for s in folder.stubs:
                write(os.path.join(base, s.path), self.stub(s))
                count += 1
            for inc in folder.includes:
                rng = random.Random(f"{self.lang}/{inc}")
                write(os.path.join(base, inc), self.include(inc, rng))
        write(os.path.join(base, "toc.yml"), self.root_toc())
        os.makedirs(os.path.join(base, "includes"), exist_ok=True)
        for name in ROOT_INCLUDES:
            rng = random.Random(f"{self.lang}/includes/{name}")
            write(os.path.join(base, "includes", name), self.include(f"includes/{name}", rng))
        return count


def hash_kind(kind):
    return sum(ord(c) * (i + 1) for i, c in enumerate(kind))


LANG_SEED = {lang: hash_kind(lang) for lang in ["en", "nl", "de", "da", "sv", "no"]}


def yaml_str(s):
    if any(c in s for c in ":#'\"{}[],&*!|>%@`") or s[:1] in "-?":
        return "'" + s.replace("'", "''") + "'"
    return s


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def code_sample(rng, lang, page):
    ident = NOUNS_EN_SLUG[page.noun].replace("-", "").replace(" ", "")
    Ident = ident[:1].upper() + ident[1:]
    n = rng.randint(1, 9999)
    if lang == "json":
        return ["{", f'  "{Ident}Id": {n},', f'  "Name": "Example {ident} {n}",',
                '  "Associate": { "AssociateId": 12, "Name": "RJ" },', f'  "Updated": "2024-0{n % 9 + 1}-1{n % 9}T08:00:00Z",',
                '  "UserDefinedFields": {', '    "SuperOffice:1": "[I:1]",', '    "SuperOffice:2": "Gold"', "  }", "}"]
    if lang == "csharp":
        return [f"using SuperOffice.CRM.Services;", "", f"var agent = new {Ident}Agent();",
                f"var entity = await agent.Get{Ident}EntityAsync({n});",
                f'entity.Name = "Example {ident}";', "if (entity.Associate == null)", "{",
                "    entity.Associate = await agent.GetDefaultAssociateAsync();", "}",
                f"await agent.Save{Ident}EntityAsync(entity);"]
    if lang == "xml":
        return ['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <appSettings>",
                f'    <add key="{Ident}Limit" value="{n}" />', '    <add key="EnableAudit" value="true" />',
                "  </appSettings>", "</configuration>"]
    if lang == "sql":
        return [f"SELECT {ident}_id, name, registered", f"FROM crm7.{ident}",
                f"WHERE registered > '2023-01-01' AND associate_id = {n % 500}", "ORDER BY registered DESC;"]
    if lang == "javascript":
        return [f"const {ident} = await fetch('/api/v1/{Ident}/{n}', {{", "  headers: { Accept: 'application/json' },",
                "}).then((r) => r.json());", f"console.log({ident}.Name);"]
    if lang == "powershell":
        return [f"$uri = 'https://online.example.com/api/v1/{Ident}/{n}'",
                "$headers = @{ Authorization = \"Bearer $token\" }",
                f"${ident} = Invoke-RestMethod -Uri $uri -Headers $headers", f"${ident}.Name"]
    if lang == "http":
        return [f"GET /api/v1/{Ident}/{n} HTTP/1.1", "Host: online.example.com",
                "Authorization: Bearer {token}", "Accept: application/json"]
    if lang == "yaml":
        return [f"{ident}:", f"  id: {n}", "  visibleFor: all", "  owner: RJ", "  tags: [crm, help]"]
    return [f"{Ident} {n} saved by RJ at 08:0{n % 10}", "Status: OK", f"Rows affected: {n % 17}"]


# ---------------------------------------------------------------------------------------
# Media: small deterministic PNGs.


MEDIA = [f"loc/en/{AREAS[i % len(AREAS)]}/{name}-{i}.png" for i, name in
         enumerate(["screen", "dialog", "list", "card", "menu", "settings", "tab", "button"] * 5)]


def png(width, height, rng):
    rows = []
    base = [rng.randrange(256) for _ in range(3)]
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            noise = rng.randrange(24) if (x // 8 + y // 8) % 3 == 0 else 0
            row += bytes(((base[0] + x + noise) & 255, (base[1] + y) & 255, (base[2] + noise) & 255))
        rows.append(bytes(row))

    def chunk(kind, data):
        c = struct.pack(">I", len(data)) + kind + data
        return c + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def write_media(out, seed):
    rng = random.Random(seed)
    for rel in MEDIA:
        path = os.path.join(out, "media", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png(rng.randint(160, 420), rng.randint(90, 260), rng))


# ---------------------------------------------------------------------------------------


def generate_language(args):
    lang, out, pages_per_lang, stub_share, seed = args
    rng = random.Random(seed)
    n_stubs = round(pages_per_lang * stub_share)
    root = build_structure(rng, pages_per_lang - n_stubs, n_stubs)
    pages = [p for f in walk(root) for p in f.pages]
    return lang, Writer(lang, root, pages, out).write_all()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10000,
                    help="page files across all languages, redirect stubs included (default 10000)")
    ap.add_argument("--out", required=True, help="folder to create (replaced if it holds a generated corpus)")
    ap.add_argument("--languages", default=",".join(LANGS_DEFAULT),
                    help=f"comma-separated language folders (default {','.join(LANGS_DEFAULT)})")
    ap.add_argument("--stub-share", type=float, default=0.1,
                    help="share of pages that are redirect_url stubs (default 0.1; the real corpus has 0.53)")
    ap.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1), help="worker processes")
    args = ap.parse_args()

    langs = [l.strip() for l in args.languages.split(",") if l.strip()]
    unknown = [l for l in langs if l not in NOUNS]
    if unknown:
        sys.exit(f"gen-corpus: no vocabulary for language(s) {', '.join(unknown)} (have {', '.join(NOUNS)})")
    if args.pages < 20 * len(langs):
        sys.exit(f"gen-corpus: --pages must be at least {20 * len(langs)} for {len(langs)} languages")
    if not 0 <= args.stub_share < 0.9:
        sys.exit("gen-corpus: --stub-share must be in [0, 0.9)")

    out = args.out
    marker = os.path.join(out, ".gen-corpus")
    if os.path.exists(out):
        if not os.path.exists(marker):
            sys.exit(f"gen-corpus: {out} exists and was not made by gen-corpus; refusing to replace it")
        shutil.rmtree(out)
    os.makedirs(out)
    with open(marker, "w") as f:  # written first so an interrupted run can be replaced
        f.write("incomplete\n")
    per_lang = args.pages // len(langs)
    # One structure for all languages (same seed), so pages pair across languages.
    jobs = [(lang, out, per_lang, args.stub_share, args.seed) for lang in langs]
    write_media(out, args.seed)
    if args.jobs > 1:
        with multiprocessing.Pool(args.jobs) as pool:
            results = pool.map(generate_language, jobs)
    else:
        results = [generate_language(j) for j in jobs]
    with open(marker, "w") as f:
        f.write(f"pages={args.pages} languages={','.join(langs)} stub_share={args.stub_share} seed={args.seed}\n")
    total = sum(n for _, n in results)
    print(f"gen-corpus: {total} pages in {len(langs)} languages ({', '.join(langs)}) -> {out}")


if __name__ == "__main__":
    main()
