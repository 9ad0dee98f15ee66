// The ICU importer: LOC entities for countries, world regions and time-zone cities from ICU's
// locale data. Rules: docs/gazetteer-format.md, "Generated gazetteers"; keep the two in step.
#include "alam/gazetteer_import.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/region.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/uversion.h>

#include <algorithm>
#include <array>
#include <memory>
#include <ostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "alam/normalizer.hpp"
#include "grammar/lexicon.hpp"

#include "gazetteer_syntax.hpp"
#include "import/import_common.hpp"

namespace alam {
namespace {

using gazetteer_syntax::collapse_spaces;
using namespace import_detail;  // the importers' shared helpers (import_common.hpp)

// ---------------------------------------------------------------------------------------------
// Text helpers

std::size_t codepoints(std::string_view s) {
  return std::size_t(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size())
    s.replace(pos, from.size(), to);
  return s;
}

std::size_t count_of(std::string_view s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t pos = 0; (pos = s.find(what, pos)) != std::string_view::npos;
       pos += what.size())
    ++n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Names from ICU

class RegionNames {
 public:
  explicit RegionNames(const char* locale) : locale_(locale) {
    UErrorCode status = U_ZERO_ERROR;
    bundle_ = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "region", locale, &status);
    if (U_FAILURE(status)) bundle_ = nullptr;
  }
  ~RegionNames() {
    if (bundle_) ures_close(bundle_);
  }
  RegionNames(const RegionNames&) = delete;
  RegionNames& operator=(const RegionNames&) = delete;

  std::string standard(const char* code) const {
    icu::UnicodeString name;
    icu::Locale("und", code).getDisplayCountry(locale_, name);
    std::string s = to_utf8(name);
    return s == code ? std::string() : s;  // no data: ICU echoes the code
  }
  // "Countries%short" or "Countries%variant"; empty when ICU has none.
  std::string alternate(const char* table, const char* code) const {
    if (!bundle_) return {};
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* t = ures_getByKey(bundle_, table, nullptr, &status);
    std::string out;
    if (U_SUCCESS(status)) {
      int32_t length = 0;
      const UChar* s = ures_getStringByKey(t, code, &length, &status);
      if (U_SUCCESS(status)) out = to_utf8(icu::UnicodeString(s, length));
    }
    if (t) ures_close(t);
    return out;
  }

 private:
  icu::Locale locale_;
  UResourceBundle* bundle_ = nullptr;
};

std::string fold_accents(std::string_view s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  if (U_FAILURE(status)) return std::string(s);
  const icu::UnicodeString decomposed = nfd->normalize(
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), int32_t(s.size()))), status);
  if (U_FAILURE(status)) return std::string(s);
  icu::UnicodeString out;
  for (int32_t i = 0; i < decomposed.length(); ++i)
    if (u_charType(decomposed.charAt(i)) != U_NON_SPACING_MARK) out.append(decomposed.charAt(i));
  return replace_all(to_utf8(out), "\u2019", "'");
}

// Countries whose Arabic names are native spellings: no g-variants for their places.
bool arabic_speaking(std::string_view region) {
  static const std::unordered_set<std::string_view> kRegions = {
      "AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY", "MA", "MR",
      "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE"};
  return kRegions.count(region) > 0;
}

// Arabic renderings of a Latin g: غ (ICU's usual choice), ج (Egypt) and ق (Gulf, Libya).
// With the English name at hand: every غ is swapped when the English has at least as many g's
// outside "gh" (ngh counts: Shanghai); every ج is swapped when the English has no j and at
// least as many hard g's (not before e, i, y or h), so Georgia (جورجيا) and Los Angeles keep
// their ج.
std::vector<std::string> g_variants(const std::string& arabic, std::string_view english) {
  static constexpr std::string_view kGhain = "\u063A", kJeem = "\u062C", kQaf = "\u0642";
  // Arabic words inside place names, whose غ and ج are not a g: جزر، جزيرة، جبل، جنوب، جديدة،
  // جمهورية، غرب. A name with one of them gets no variants.
  static constexpr std::array<std::string_view, 7> kNative = {
      "\u062C\u0632\u0631", "\u062C\u0632\u064A\u0631", "\u062C\u0628\u0644",
      "\u062C\u0646\u0648\u0628", "\u062C\u062F\u064A\u062F",
      "\u062C\u0645\u0647\u0648\u0631", "\u063A\u0631\u0628"};
  for (std::string_view stem : kNative)
    if (arabic.find(stem) != std::string::npos) return {};
  const std::string en = lower_ascii(english);
  std::size_t g = 0, hard_g = 0;
  for (std::size_t i = 0; i < en.size(); ++i) {
    if (en[i] != 'g') continue;
    const char next = i + 1 < en.size() ? en[i + 1] : ' ';
    const char prev = i > 0 ? en[i - 1] : ' ';
    if (next == 'h' && prev != 'n') continue;  // gh is غ (Baghdad); ngh is not (Shanghai)
    ++g;
    if (next != 'e' && next != 'i' && next != 'y' && next != 'h') ++hard_g;
  }
  std::vector<std::string> out;
  const std::size_t ghains = count_of(arabic, kGhain), jeems = count_of(arabic, kJeem);
  // ق only in names of two words or more: as a single word it too often spells an Arabic word
  // (غوام Guam → قوام "texture").
  const bool qaf = arabic.find(' ') != std::string::npos;
  if (ghains > 0 && ghains <= g) {
    out.push_back(replace_all(arabic, kGhain, kJeem));
    if (qaf) out.push_back(replace_all(arabic, kGhain, kQaf));
  } else if (ghains == 0 && jeems > 0 && jeems <= hard_g && en.find('j') == std::string::npos) {
    out.push_back(replace_all(arabic, kJeem, kGhain));
    if (qaf) out.push_back(replace_all(arabic, kJeem, kQaf));
  }
  return out;
}

// Exemplar cities left out: common English words or given names (Center, Regina, Darwin), and
// names that ICU shortens from an island group (Christmas, Cocos, Canary). Documented in
// docs/gazetteer-format.md.
bool skipped_city(std::string_view english) {
  static const std::unordered_set<std::string_view> kNames = {
      "Wake", "Midway", "Easter", "Christmas", "Center", "Resolute", "Regina", "Darwin",
      "Stanley", "Currie", "Johnston", "Wallis", "Dawson", "Lindeman", "Nome", "Oral",
      "Canary", "Cocos", "Faroe", "Cayman", "Comoro", "Chagos", "Norfolk", "Jersey",
      "Guernsey", "Cayenne", "Chihuahua", "Phoenix", "Chatham", "Chita", "Mahe", "Gambier",
      "Marquesas", "Eucla", "Creston", "Knox", "Thule", "Bermuda", "Azores", "Madeira",
      "Galapagos", "Kerguelen", "Pitcairn", "Efate", "Guadalcanal", "Bougainville"};
  return kNames.count(english) > 0;
}

// Arabic single words that ICU gives as a city name but that are common words, given names or
// nisba adjectives in Arabic text (سمراء "brunette" for Samara, ماهي "what is" for Mahé, كوري
// "Korean" for Currie, ترك "left" for Chuuk, نوم "sleep" for Nome, جوني "Johnny" for Juneau,
// ديلي "daily" for Dili, العيون "the eyes" for Laayoune, أداك "your performance" for Adak), or
// ICU data errors (برثا for Perth, وينكتون for Moncton). Compared
// after normalization.
bool arabic_common_word(const std::string& normalized) {
  static const std::unordered_set<std::string> kWords = [] {
    const Normalizer n;
    std::unordered_set<std::string> words;
    for (const char* w : {"سمراء", "ماهي", "كوري", "ترك", "نوم", "جوني", "استر", "برثا", "ديلي",
                          "العيون", "أداك", "أبيا", "بلم", "وينكتون", "مدينة", "كريسماس",
                          "سنتر"})
      words.insert(n.normalize_text(w));
    return words;
  }();
  return kWords.count(normalized) > 0;
}

// ICU's Arabic exemplar names that name another place than the English one.
bool icu_arabic_error(std::string_view arabic) {
  // كورال هاربر for Atikokan
  return arabic == "\u0643\u0648\u0631\u0627\u0644 \u0647\u0627\u0631\u0628\u0631";
}

struct NameSet {
  std::vector<GenAlias> names;
  void add(std::string s, bool cs = false) {
    s = collapse_spaces(s);
    if (s.empty()) return;
    for (const GenAlias& a : names)
      if (a.text == s) return;
    names.push_back({std::move(s), cs});
  }
};

// English forms of a place name: as given, "&" → "and", "St." → "Saint", accents folded.
void add_english(NameSet& set, const std::string& name, bool single_word_cs) {
  const auto cs_of = [&](const std::string& s) {
    return single_word_cs && s.find(' ') == std::string::npos && s.find('-') == std::string::npos;
  };
  std::vector<std::string> forms = {name};
  if (name.find(" & ") != std::string::npos) forms.push_back(replace_all(name, " & ", " and "));
  for (std::size_t i = 0, n = forms.size(); i < n; ++i)
    if (forms[i].find("St. ") != std::string::npos)
      forms.push_back(replace_all(forms[i], "St. ", "Saint "));
  for (std::size_t i = 0, n = forms.size(); i < n; ++i) {
    const std::string folded = fold_accents(forms[i]);
    if (folded != forms[i]) forms.push_back(folded);
  }
  for (std::string& f : forms) set.add(f, cs_of(f));
}

Result<ImportSummary> icu_import(const IcuImportOptions& options, Sink& sink) {
  ImportSummary summary;
  const KeyMaker keys;
  const Normalizer normalizer;
  Assembler assembler(keys, summary);
  if (Status s = assembler.exclude(options.exclude); !s) return s;
  const RegionNames en("en"), ar("ar");

  // The Arabic aliases of one place: standard names cleaned of parentheses, hyphen-free forms,
  // g-variants; single words that are common words are filtered.
  const auto add_arabic = [&](NameSet& set, std::string name, std::string_view english,
                              std::string_view region, bool variants) {
    name = strip_parenthetical(name);
    if (name.empty() || !contains_arabic(name)) return;
    std::vector<std::string> forms = {name};
    if (variants && options.variants && !arabic_speaking(region))
      for (std::size_t i = 0, n = forms.size(); i < n; ++i)
        for (std::string& v : g_variants(forms[i], english)) forms.push_back(std::move(v));
    for (std::string& f : forms) {
      const std::string n = normalizer.normalize_text(f);
      if (n.find(' ') == std::string::npos &&
          (arabic_common_word(n) || grammar::lookup_word(n) != nullptr || codepoints(n) < 3)) {
        ++summary.filtered_aliases;
        continue;
      }
      set.add(std::move(f));
    }
  };

  // Countries and territories.
  for (const char* const* code = uloc_getISOCountries(); *code; ++code) {
    const std::string standard = en.standard(*code);
    if (standard.empty()) continue;
    ++summary.records;
    NameSet set;
    const std::string short_name = en.alternate("Countries%short", *code);
    const bool all_caps = std::all_of(short_name.begin(), short_name.end(),
                                      [](char c) { return c >= 'A' && c <= 'Z'; });
    std::string canonical = replace_all(strip_parenthetical(standard), " & ", " and ");
    if (standard.find(" SAR ") != std::string::npos && !short_name.empty()) canonical = short_name;
    add_english(set, canonical, false);
    add_english(set, strip_parenthetical(standard), false);
    for (const char* table : {"Countries%short", "Countries%variant"}) {
      const std::string alt = en.alternate(table, *code);
      if (alt.empty() || alt.find('(') != std::string::npos || alt.find(" - ") != std::string::npos)
        continue;
      if (std::string_view(table) == "Countries%short" && all_caps) {
        set.add(alt, true);  // UK, US: case-sensitive
      } else {
        add_english(set, alt, false);
      }
    }
    add_arabic(set, ar.standard(*code), canonical, *code, true);
    for (const char* table : {"Countries%short", "Countries%variant"}) {
      const std::string alt = ar.alternate(table, *code);
      if (!alt.empty() && alt.find('(') == std::string::npos &&
          alt.find(" - ") == std::string::npos)
        add_arabic(set, alt, canonical, *code, true);
    }
    GenEntity e;
    e.id = lower_ascii(*code);
    e.type = EntityType::kLoc;
    e.section = "Countries and territories (ISO 3166-1, English and Arabic display names)";
    e.names = std::move(set.names);
    e.attributes.emplace_back("iso", *code);
    assembler.add(std::move(e));
  }

  // World regions: continents, sub-continental regions and Latin America, North America and
  // Sub-Saharan Africa. Not the world (العالم is a common word), the EU, the euro area, the UN or
  // "Outlying Oceania".
  if (options.regions) {
    UErrorCode status = U_ZERO_ERROR;
    std::vector<std::string> codes;
    for (URegionType type : {URGN_CONTINENT, URGN_SUBCONTINENT}) {
      std::unique_ptr<icu::StringEnumeration> regions(icu::Region::getAvailable(type, status));
      if (U_FAILURE(status) || !regions) break;
      while (const char* id = regions->next(nullptr, status)) codes.emplace_back(id);
    }
    for (const char* extra : {"419", "003", "202"}) codes.emplace_back(extra);
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    for (const std::string& code : codes) {
      if (code == "QO") continue;
      const std::string english = en.standard(code.c_str());
      if (english.empty()) continue;
      ++summary.records;
      NameSet set;
      add_english(set, english, false);
      add_arabic(set, ar.standard(code.c_str()), english, "001", false);
      GenEntity e;
      e.id = "region-" + code;
      e.section = "World regions (UN M.49)";
      e.names = std::move(set.names);
      e.attributes.emplace_back("m49", code);
      assembler.add(std::move(e));
    }
  }

  // Time-zone exemplar cities.
  if (options.cities) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> en_tz(
        icu::TimeZoneNames::createInstance(icu::Locale("en"), status));
    std::unique_ptr<icu::TimeZoneNames> ar_tz(
        icu::TimeZoneNames::createInstance(icu::Locale("ar"), status));
    std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createTimeZoneIDEnumeration(
        UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_FAILURE(status) || !zones || !en_tz || !ar_tz)
      return Status{StatusCode::kIoError,
                    std::string("ICU time zone data: ") + u_errorName(status)};
    std::vector<std::string> ids;
    while (const icu::UnicodeString* zone = zones->snext(status)) ids.push_back(to_utf8(*zone));
    std::sort(ids.begin(), ids.end());
    for (const std::string& zone_id : ids) {
      const icu::UnicodeString zone = icu::UnicodeString::fromUTF8(zone_id);
      char region[8] = {};
      UErrorCode rs = U_ZERO_ERROR;
      icu::TimeZone::getRegion(zone, region, sizeof region, rs);
      if (U_FAILURE(rs) || std::string_view(region) == "001" || std::string_view(region) == "AQ")
        continue;  // Etc zones; Antarctic research stations
      icu::UnicodeString en_name, ar_name;
      en_tz->getExemplarLocationName(zone, en_name);
      ar_tz->getExemplarLocationName(zone, ar_name);
      const std::string english = to_utf8(en_name), arabic = to_utf8(ar_name);
      if (english.empty()) continue;
      ++summary.records;
      if (english.find(',') != std::string::npos || skipped_city(english)) {
        ++summary.filtered_aliases;
        continue;  // "Knox, Indiana": sub-state zones name small towns
      }
      NameSet set;
      add_english(set, english, true);
      if (!icu_arabic_error(arabic)) add_arabic(set, arabic, english, region, true);
      GenEntity e;
      e.id = "tz-" + slug(zone_id);
      e.section = "Cities: exemplar cities of the canonical time zones (English and Arabic)";
      e.names = std::move(set.names);
      e.attributes.emplace_back("country", region);
      e.attributes.emplace_back("tz", zone_id);
      assembler.add(std::move(e));
    }
  }

  UVersionInfo cldr{};
  UErrorCode cs = U_ZERO_ERROR;
  ulocdata_getCLDRVersion(cldr, &cs);
  char cldr_text[U_MAX_VERSION_STRING_LENGTH] = "?";
  if (U_SUCCESS(cs)) u_versionToString(cldr, cldr_text);
  std::string& out = sink.buf();
  write_header(
      out, options.command,
      {std::string("Source: ICU ") + U_ICU_VERSION + " locale data (CLDR " + cldr_text +
           "), Unicode License: display names of countries",
       "and regions, exemplar cities of time zones.",
       "Rules: docs/gazetteer-format.md, \"Generated gazetteers\". Aliases already listed in the",
       "curated gazetteers are not repeated; to change an entry, edit the curated files (a",
       "curated name replaces the generated entity) and run the command again. Currency names",
       "are not generated: the money grammar reads ICU's Arabic currency names at run time."});
  assembler.write(sink, options.id_prefix);
  if (!sink.flush()) return Status{StatusCode::kIoError, "write error"};
  return summary;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Public API

Result<std::string> import_icu(const IcuImportOptions& options) {
  Sink sink(nullptr);
  auto r = icu_import(options, sink);
  if (!r) return r.status();
  return sink.take();
}

Result<ImportSummary> import_icu(std::ostream& out, const IcuImportOptions& options) {
  Sink sink(&out);
  return icu_import(options, sink);
}

}  // namespace alam
