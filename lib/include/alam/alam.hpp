// alam/alam.hpp — the whole public API in one include.
#pragma once

#include "alam/error_analysis.hpp"
#include "alam/eval.hpp"
#include "alam/formats.hpp"
#include "alam/gazetteer.hpp"
#include "alam/jsonl.hpp"
#include "alam/normalizer.hpp"
#include "alam/span.hpp"
#include "alam/status.hpp"
#include "alam/tagger.hpp"
#include "alam/tokenizer.hpp"
#include "alam/utf8.hpp"
#include "alam/version.hpp"
#include "alam/writer.hpp"
