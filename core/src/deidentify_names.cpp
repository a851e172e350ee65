// People, organisations, places and street names nobody listed: see deidentify_detect.hpp. The
// rules, strongest first: a title or a relationship before a capitalised word; a capitalised run
// before an organisation or street word; "X County"; the gazetteer; the given-name list; a
// capitalised word the English dictionary does not know. A given name that is also an ordinary
// word ("Hope", "Will") is only a suspect unless a surname follows it.

#include "deidentify_detect.hpp"
#include "deidentify_lexicon.hpp"
#include "deidentify_scan.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace tessera::core::detail {
namespace {

constexpr std::array<std::string_view, 52> kTitles{
    "mr",        "mrs",        "ms",         "mx",        "miss",   "dr",           "doctor",     "prof",
    "professor", "judge",      "justice",    "detective", "det",    "officer",      "ofc",        "sergeant",
    "sgt",       "lieutenant", "lt",         "captain",   "capt",   "attorney",     "atty",       "counsel",
    "rev",       "reverend",   "father",     "fr",        "pastor", "rabbi",        "imam",       "nurse",
    "coach",     "principal",  "dean",       "senator",   "mayor",  "governor",     "sheriff",    "deputy",
    "agent",     "inspector",  "constable",  "trooper",   "chief",  "commissioner", "magistrate", "advocate",
    "solicitor", "barrister",  "caseworker", "sr"};

constexpr std::array<std::string_view, 74> kRelations{
    "son",          "daughter",      "mother",        "father",    "mom",        "mum",        "dad",
    "sister",       "brother",       "partner",       "husband",   "wife",       "spouse",     "boyfriend",
    "girlfriend",   "fiance",        "fiancee",       "ex",        "ex-husband", "ex-wife",    "ex-partner",
    "friend",       "aunt",          "uncle",         "cousin",    "niece",      "nephew",     "grandmother",
    "grandfather",  "grandma",       "grandpa",       "granny",    "stepfather", "stepmother", "stepson",
    "stepdaughter", "stepdad",       "stepmom",       "stepmum",   "child",      "baby",       "colleague",
    "coworker",     "co-worker",     "boss",          "manager",   "supervisor", "neighbour",  "neighbor",
    "roommate",     "flatmate",      "teacher",       "lawyer",    "therapist",  "counsellor", "counselor",
    "sponsor",      "landlord",      "landlady",      "classmate", "twin",       "sons",       "daughters",
    "brothers",     "sisters",       "friends",       "kids",      "children",   "godmother",  "godfather",
    "in-law",       "mother-in-law", "father-in-law", "caseworker"};

constexpr std::array<std::string_view, 20> kStrongOrganisation{
    "school", "elementary", "academy", "university",  "college", "hospital", "clinic", "dental",    "pharmacy", "inc",
    "llc",    "ltd",        "corp",    "corporation", "plc",     "gmbh",     "church", "synagogue", "llp",      "pllc"};
constexpr std::array<std::string_view, 20> kWeakOrganisation{
    "court",     "center",   "centre", "bank",    "group",  "associates", "partners",
    "company",   "services", "health", "medical", "high",   "middle",     "foundation",
    "institute", "society",  "club",   "hotel",   "mosque", "temple"};
constexpr std::array<std::string_view, 6> kPlaceSuffixes{"county",  "parish",   "township",
                                                         "borough", "province", "district"};
constexpr std::array<std::string_view, 16> kStreetWords{
    "street",    "st",   "road",  "rd",      "avenue", "ave",     "lane",    "ln",
    "boulevard", "blvd", "drive", "highway", "hwy",    "parkway", "terrace", "crescent"};

// Capitalised words that are never identifying on their own.
constexpr std::array<std::string_view, 40> kNeverNames{
    "i",         "monday",   "tuesday",  "wednesday", "thursday",  "friday", "saturday",     "sunday",
    "january",   "february", "march",    "april",     "may",       "june",   "july",         "august",
    "september", "october",  "november", "december",  "christmas", "easter", "thanksgiving", "halloween",
    "god",       "english",  "american", "british",   "christian", "muslim", "jewish",       "catholic",
    "internet",  "covid",    "ok",       "okay",      "mr",        "mrs",    "ms",           "dr"};

const WordSet& titles() {
    static const WordSet set(kTitles);
    return set;
}
const WordSet& relations() {
    static const WordSet set(kRelations);
    return set;
}
const WordSet& neverNames() {
    static const WordSet set(kNeverNames);
    return set;
}

struct Word {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string_view text; // without a trailing possessive
    [[nodiscard]] bool empty() const { return end == begin; }
};

Word wordFrom(std::string_view s, std::size_t i) {
    Word w;
    w.begin = i;
    w.end = wordEnd(s, i);
    w.text = s.substr(i, w.end - i);
    if (w.text.size() > 2 && w.text.substr(w.text.size() - 2) == "'s") {
        w.text.remove_suffix(2);
    }
    return w;
}

std::size_t skipBlank(std::string_view s, std::size_t i) {
    while (i < s.size() && s[i] == ' ') {
        ++i;
    }
    return i;
}

// The next word after `w`: a possessive "s'" or "'", a dot after an abbreviation and one comma
// may sit between.
Word nextWord(std::string_view s, const Word& w, bool allowComma = false) {
    std::size_t j = w.end;
    if (j < s.size() && (s[j] == '\'' || s[j] == '.')) {
        ++j;
    }
    if (allowComma && j < s.size() && s[j] == ',') {
        ++j;
    }
    const std::size_t k = skipBlank(s, j);
    if (k == j || k >= s.size()) {
        return {};
    }
    return wordFrom(s, k);
}

bool capitalised(std::string_view word) {
    if (word.empty() || !isUpper(word[0])) {
        return false;
    }
    return word.size() == 1 || std::any_of(word.begin() + 1, word.end(), isLower);
}

bool neverName(std::string_view word, const NameScan& scan) {
    if (neverNames().contains(word)) {
        return true;
    }
    if (scan.keep == nullptr || scan.keep->empty()) {
        return false;
    }
    std::string lower(word);
    for (char& c : lower) {
        c = detail::lower(c);
    }
    return std::binary_search(scan.keep->begin(), scan.keep->end(), lower);
}

std::uint8_t flagsOf(std::string_view word) {
    auto flags = lexiconFlags(word);
    if (word.size() > 3 && (word.back() == 's' || word.back() == '\'')) {
        // Plurals and plural possessives of names: "the Kowalskis'", "the Tanners".
        std::string_view stem = word;
        while (!stem.empty() && (stem.back() == '\'' || stem.back() == 's')) {
            stem.remove_suffix(1);
            if (const auto f = lexiconFlags(stem); f != 0) {
                return static_cast<std::uint8_t>(flags | (f & ~kEnglishWord));
            }
        }
    }
    return flags;
}

// The word that ends right before `i` (one space between), or empty.
std::string_view wordBefore(std::string_view s, std::size_t i) {
    if (i < 2 || s[i - 1] != ' ') {
        return {};
    }
    std::size_t start = i - 1;
    while (start > 0 && isAlpha(s[start - 1])) {
        --start;
    }
    if (start > 0 && isAlnum(s[start - 1])) {
        return {};
    }
    return s.substr(start, i - 1 - start);
}

// Before a town that is also a word ("in Reading"); not "to" or "at" ("talked to Hope", "at Bath time").
constexpr std::array<std::string_view, 5> kTownPrepositions{"in", "from", "near", "outside", "around"};
// "in Spring", "in Winter": capitalised seasons are seasons.
constexpr std::array<std::string_view, 5> kSeasons{"spring", "summer", "autumn", "fall", "winter"};

bool sentenceStart(const NameScan& scan, std::size_t i) {
    if (scan.lineStart != nullptr && i < scan.lineStart->size() && (*scan.lineStart)[i]) {
        return true;
    }
    std::size_t j = i;
    while (j > 0 && (scan.s[j - 1] == ' ' || scan.s[j - 1] == '"' || scan.s[j - 1] == '(' || scan.s[j - 1] == '*' ||
                     scan.s[j - 1] == '_' || scan.s[j - 1] == '\'')) {
        --j;
    }
    if (j == 0) {
        return true;
    }
    const char c = scan.s[j - 1];
    return c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == '#' || c == '-' || c == '>' || c == '|' ||
           c == '[';
}

// A name-like word: capitalised, not a dictionary word, not on the keep lists.
bool unknownCapitalised(const Word& w, const NameScan& scan) {
    return capitalised(w.text) && w.text.size() >= 2 && !neverName(w.text, scan) && !isEnglishWord(w.text);
}

// The end of a run of capitalised words starting with `first` (at most `limit` words). With
// `unknownOnly`, words after the first must not be dictionary words ("Dave Pruitt" but not
// "Dave Said").
std::size_t nameRunEnd(std::string_view s, const Word& first, const NameScan& scan, bool unknownOnly, int limit = 3) {
    std::size_t end = first.end;
    Word w = first;
    for (int n = 1; n < limit; ++n) {
        if (w.end < s.size() && (s[w.end] == '.' || s[w.end] == ',')) {
            // "J. Smith" continues after an initial; a comma or sentence end stops the run.
            if (!(s[w.end] == '.' && w.text.size() == 1)) {
                break;
            }
        }
        const Word next = nextWord(s, w);
        if (next.empty() || !capitalised(next.text) || neverName(next.text, scan)) {
            break;
        }
        // After a sure name, a capitalised word mid-sentence is a surname even when it is also a
        // word ("Eleanor Hatch"); after a guess, only a word no dictionary knows is.
        if (unknownOnly && isEnglishWord(next.text)) {
            break;
        }
        if (inList(next.text, kStrongOrganisation) || inList(next.text, kWeakOrganisation)) {
            break;
        }
        end = next.end;
        w = next;
    }
    return end;
}

bool organisationWord(std::string_view word) {
    return inList(word, kStrongOrganisation) || inList(word, kWeakOrganisation);
}

// The end of an organisation's name after its first suffix: "Lincoln Elementary School".
std::size_t organisationEnd(std::string_view s, Word w) {
    for (int n = 0; n < 3; ++n) {
        const Word next = nextWord(s, w);
        if (next.empty() || w.end >= s.size() || s[w.end] != ' ' || !capitalised(next.text) ||
            !organisationWord(next.text)) {
            break;
        }
        w = next;
    }
    return w.end;
}

Hit organisationAt(std::string_view s, const Word& first, const NameScan& scan) {
    constexpr std::array<std::string_view, 11> kNotAName{"the", "a",  "an",   "her",  "his", "their",
                                                         "our", "my", "your", "this", "that"};
    if (!capitalised(first.text) || neverName(first.text, scan) || inList(first.text, kNotAName)) {
        return {};
    }
    Word w = first;
    bool unknown = unknownCapitalised(first, scan);
    int words = 1;
    for (int n = 0; n < 5; ++n) {
        // "Pryce & Sons LLP": an ampersand joins the words of a firm's name.
        if (const std::size_t amp = skipBlank(s, w.end);
            amp > w.end && amp + 1 < s.size() && s[amp] == '&' && s[amp + 1] == ' ') {
            w.end = amp + 1; // the next word is read after the "&"
        }
        const Word next = nextWord(s, w);
        if (next.empty() || w.end >= s.size() || (s[w.end] != ' ' && s[w.end] != '.')) {
            return {};
        }
        const bool strong = inList(next.text, kStrongOrganisation);
        const bool weak = inList(next.text, kWeakOrganisation);
        // A weak ending ("Court", "Center") needs a name no dictionary knows or two words before
        // it: "Memorial Medical Center", but not "Family Court". Legal forms are written in capitals.
        if ((strong || (weak && (unknown || words >= 2))) &&
            (capitalised(next.text) || std::all_of(next.text.begin(), next.text.end(), isUpper))) {
            return makeHit(first.begin, organisationEnd(s, next), ReplacementKind::Organisation, "organisation");
        }
        ++words;
        const bool connector = next.text == "of" || next.text == "and" || next.text == "the";
        if (!capitalised(next.text) && !connector) {
            return {};
        }
        unknown = unknown || unknownCapitalised(next, scan);
        w = next;
    }
    return {};
}

Hit placeOrStreetAt(std::string_view s, const Word& first, const NameScan& scan) {
    if (!capitalised(first.text) || neverName(first.text, scan)) {
        return {};
    }
    Word w = first;
    for (int n = 0; n < 3; ++n) {
        const Word next = nextWord(s, w);
        if (next.empty() || (w.end < s.size() && s[w.end] != ' ' && s[w.end] != '.')) {
            return {};
        }
        if (capitalised(next.text) && inList(next.text, kPlaceSuffixes)) {
            return makeHit(first.begin, next.end, ReplacementKind::Place, "county");
        }
        if (capitalised(next.text) && inList(next.text, kStreetWords)) {
            std::size_t end = next.end;
            if (end < s.size() && s[end] == '.' && next.text.size() <= 4) {
                ++end;
            }
            return makeHit(first.begin, end, ReplacementKind::StreetAddress, "street-name");
        }
        if (!capitalised(next.text)) {
            return {};
        }
        w = next;
    }
    return {};
}

// Multi-word places from the gazetteer ("Des Moines", "New York"): the longest of 3, 2 words.
std::size_t gazetteerRun(std::string_view s, const Word& first) {
    std::string key(first.text);
    Word w = first;
    std::size_t best = 0;
    for (int n = 1; n < 3; ++n) {
        const Word next = nextWord(s, w);
        if (next.empty() || !capitalised(next.text) || s[w.end] != ' ') {
            break;
        }
        key += ' ';
        key += next.text;
        if (lexiconFlags(key) & kPlaceName) {
            best = next.end;
        }
        w = next;
    }
    return best;
}

} // namespace

bool isEnglishWord(std::string_view word) {
    if (word.empty()) {
        return false;
    }
    if (lexiconFlags(word) & kEnglishWord) {
        return true;
    }
    // Contractions: "I'm", "Don't", "Isn't", "We'll".
    if (const auto apostrophe = word.rfind('\''); apostrophe != std::string_view::npos && apostrophe > 0) {
        auto base = word.substr(0, apostrophe);
        if (word.substr(apostrophe) == "'t" && base.size() > 1 && (base.back() == 'n' || base.back() == 'N')) {
            base.remove_suffix(1);
        }
        return equalsLower(base, "i") || isEnglishWord(base);
    }
    if (word.find('-') != std::string_view::npos) {
        std::size_t start = 0;
        while (start <= word.size()) {
            const std::size_t end = std::min(word.find('-', start), word.size());
            const auto part = word.substr(start, end - start);
            if (part.size() > 1 && !(lexiconFlags(part) & kEnglishWord)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }
    // Inflections the dictionary may lack: "-ness", "-ly", "-ing", "-ed", "-s".
    for (const std::string_view suffix : {"ness", "ly", "ing", "ed", "s", "es", "ment", "ful"}) {
        if (word.size() > suffix.size() + 2 && equalsLower(word.substr(word.size() - suffix.size()), suffix) &&
            (lexiconFlags(word.substr(0, word.size() - suffix.size())) & kEnglishWord)) {
            return true;
        }
    }
    return false;
}

Hit detectName(const NameScan& scan, std::size_t i) {
    const std::string_view s = scan.s;
    const Word first = wordFrom(s, i);
    if (first.empty() || !isAlpha(s[i])) {
        return {};
    }
    // A title or a relationship, then a capitalised name: only the name is replaced.
    const bool title = titles().contains(first.text);
    const bool relation = !title && relations().contains(first.text);
    // A relation in the possessive ("his mother's") or at a sentence end names nobody after it.
    const bool possessive = first.text.size() != first.end - first.begin;
    const bool sentenceEnds = relation && first.end < s.size() && s[first.end] == '.';
    if ((title || relation) && !possessive && !sentenceEnds) {
        const Word name = nextWord(s, first, relation);
        const bool ordinaryWord = isEnglishWord(name.text) && !(flagsOf(name.text) & (kFirstName | kProperNoun));
        if (!name.empty() && capitalised(name.text) && !neverName(name.text, scan) && !titles().contains(name.text) &&
            !(ordinaryWord && (relation || first.text.size() > 3))) {
            if (Hit org = organisationAt(s, name, scan)) {
                return org;
            }
            return makeHit(name.begin, nameRunEnd(s, name, scan, false), ReplacementKind::Person,
                           title ? "title" : "relationship");
        }
    }
    if (first.text.size() < 2 || !capitalised(first.text) || neverName(first.text, scan)) {
        return {};
    }
    // The pronoun's contractions ("I'm", "I've", "I'd", "I'll") name nobody.
    if (first.text[0] == 'I' && first.text[1] == '\'') {
        return {};
    }
    if (Hit org = organisationAt(s, first, scan)) {
        return org;
    }
    if (Hit place = placeOrStreetAt(s, first, scan)) {
        return place;
    }
    const auto flags = flagsOf(first.text);
    const bool english = isEnglishWord(first.text);
    if (const std::size_t end = gazetteerRun(s, first)) {
        return makeHit(first.begin, end, ReplacementKind::Place, "gazetteer");
    }
    if (flags & kStateName) {
        return makeHit(first.begin, first.end, ReplacementKind::Place, "state");
    }
    // A given name that is also a town ("Sydney", "Florence"): a place after a comma or "in".
    if ((flags & kFirstName) && (flags & kPlaceName) && !english) {
        const auto before = s.substr(0, first.begin);
        const auto trimmed = before.substr(0, before.find_last_not_of(' ') + 1);
        constexpr std::array<std::string_view, 8> kPlacePrepositions{"in", "from",    "to",     "near",
                                                                     "at", "outside", "around", "of"};
        std::size_t wordStart = trimmed.size();
        while (wordStart > 0 && isAlpha(trimmed[wordStart - 1])) {
            --wordStart;
        }
        if ((!trimmed.empty() && trimmed.back() == ',') || inList(trimmed.substr(wordStart), kPlacePrepositions)) {
            return makeHit(first.begin, first.end, ReplacementKind::Place, "gazetteer", 0.8f);
        }
    }
    if ((flags & kFirstName) && !english) {
        return makeHit(first.begin, nameRunEnd(s, first, scan, false), ReplacementKind::Person, "given-name");
    }
    if ((flags & kPlaceName) && !english && !(flags & kFirstName)) {
        return makeHit(first.begin, first.end, ReplacementKind::Place, "gazetteer", 0.8f);
    }
    // A town that is also a word ("Cork", "Reading", "Bath"): a place when capitalised mid-sentence
    // after "in", "from", "near"... (never a month or a weekday: those are on the never list).
    if (english && (flags & kPlaceName) && !(flags & kFirstName) && !sentenceStart(scan, i) &&
        inList(wordBefore(s, first.begin), kTownPrepositions) && !inList(first.text, kSeasons)) {
        return makeHit(first.begin, first.end, ReplacementKind::Place, "place-after-preposition", 0.7f);
    }
    if (english) {
        // "Hope", "Will", "Mark": a name only when a surname follows; else a suspect mid-sentence.
        if (flags & (kFirstName | kProperNoun)) {
            const Word next = nextWord(s, first);
            if (!next.empty() && s[first.end] == ' ' && unknownCapitalised(next, scan)) {
                return makeHit(first.begin, nameRunEnd(s, first, scan, true), ReplacementKind::Person,
                               "given-name-and-surname");
            }
            // Mid-sentence a capital says "name"; at a sentence start it says little, but a
            // given name there ("Rich is what they call him") is still worth a look.
            if (!sentenceStart(scan, i)) {
                return makeHit(first.begin, first.end, ReplacementKind::Person, "name-or-word", 0.4f, true);
            }
            if (flags & kFirstName) {
                return makeHit(first.begin, first.end, ReplacementKind::Person, "name-or-word", 0.2f, true);
            }
        }
        // "the Tanners", "the Smiths": a family named by its plural, mid-sentence.
        const auto before = s.substr(0, first.begin);
        if (first.text.size() > 3 && first.text.back() == 's' && before.size() >= 4 &&
            equalsLower(before.substr(before.size() - 4), "the ") && !sentenceStart(scan, i)) {
            return makeHit(first.begin, first.end, ReplacementKind::Person, "family-plural", 0.4f, true);
        }
        return {};
    }
    // Not a dictionary word. A proper noun of the dictionary (a brand, a nationality) alone is
    // only a suspect; anything else is taken as a surname or a name.
    const std::size_t end = nameRunEnd(s, first, scan, false);
    if ((flags & kProperNoun) && end == first.end) {
        // "the pharmacy at Walgreens", "she works at Costco": a business where something happens.
        if (equalsLower(wordBefore(s, first.begin), "at") && !sentenceStart(scan, i)) {
            return makeHit(first.begin, first.end, ReplacementKind::Organisation, "at-proper-noun", 0.6f);
        }
        return makeHit(first.begin, first.end, ReplacementKind::Person, "proper-noun", 0.5f, true);
    }
    return makeHit(first.begin, end, ReplacementKind::Person, "capitalised-unknown", 0.7f);
}

std::vector<std::string> nicknamesOf(std::string_view lowerName) {
    // Canonical name, then its usual short forms. Every form also maps back to the others.
    static constexpr std::array<std::string_view, 40> kGroups{"richard rich richie rick ricky dick",
                                                              "william will bill billy willie liam",
                                                              "robert rob robbie bob bobby bert",
                                                              "elizabeth liz lizzie beth betty eliza libby",
                                                              "margaret maggie meg peggy greta",
                                                              "katherine kate katie kathy kat",
                                                              "catherine cathy cat kate katie",
                                                              "james jim jimmy jamie",
                                                              "michael mike mikey mick",
                                                              "thomas tom tommy",
                                                              "joseph joe joey",
                                                              "daniel dan danny",
                                                              "david dave davey",
                                                              "christopher chris kit",
                                                              "anthony tony",
                                                              "edward ed eddie ted teddy ned",
                                                              "alexander alex alec sasha",
                                                              "alexandra alex lexi sandra sasha",
                                                              "jennifer jen jenny",
                                                              "jessica jess jessie",
                                                              "rebecca becky becca",
                                                              "patricia pat patty trish",
                                                              "susan sue susie",
                                                              "deborah deb debbie",
                                                              "victoria vicky tori",
                                                              "grace gracie",
                                                              "nicholas nick nicky",
                                                              "samuel sam sammy",
                                                              "benjamin ben benny",
                                                              "matthew matt matty",
                                                              "andrew andy drew",
                                                              "jonathan jon jonny",
                                                              "timothy tim timmy",
                                                              "stephen steve stevie",
                                                              "steven steve stevie",
                                                              "beatrice bea trixie",
                                                              "abigail abby gail",
                                                              "isabella bella izzy isabel",
                                                              "charlotte charlie lottie",
                                                              "theodore theo ted teddy"};
    std::vector<std::string> out;
    for (const auto group : kGroups) {
        std::vector<std::string_view> forms;
        std::size_t start = 0;
        while (start < group.size()) {
            const std::size_t end = std::min(group.find(' ', start), group.size());
            forms.push_back(group.substr(start, end - start));
            start = end + 1;
        }
        if (std::find(forms.begin(), forms.end(), lowerName) != forms.end()) {
            for (const auto form : forms) {
                if (form != lowerName && std::find(out.begin(), out.end(), form) == out.end()) {
                    out.emplace_back(form);
                }
            }
        }
    }
    // Diminutives: "Grace" -> "Gracie", "Sam" -> "Sammy", "Mateo" -> "Teo" is left to the list.
    if (lowerName.size() >= 3) {
        std::string stem(lowerName);
        if (stem.back() == 'e' || stem.back() == 'y') {
            stem.pop_back();
        }
        for (const std::string_view ending : {"ie", "y"}) {
            std::string form = stem + std::string{ending};
            if (form != lowerName && std::find(out.begin(), out.end(), form) == out.end()) {
                out.push_back(std::move(form));
            }
        }
    }
    return out;
}

} // namespace tessera::core::detail
