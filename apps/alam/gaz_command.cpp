// alam gaz: gazetteer tools. Each group of subcommands lives in its own file and registers
// itself here:
//   gaz_edit_command.cpp     add, alias, rm, rename, set, show, find, ls, lint
//   gaz_import_command.cpp   import (benchmark TSV, pci.ids, ICU locale data)
//   gaz_compile_command.cpp  compile, variants, diff, suggest
#include "common.hpp"

namespace alam::cli {

void register_gaz_compile(CLI::App& gaz);
void register_gaz_edit(CLI::App& gaz);
void register_gaz_import(CLI::App& gaz);

void register_gaz(CLI::App& app) {
  CLI::App* gaz = app.add_subcommand(
      "gaz", "Gazetteer tools: edit, lint, compile, import, variants, diff, suggest");
  gaz->require_subcommand(1);
  register_gaz_compile(*gaz);
  register_gaz_edit(*gaz);
  register_gaz_import(*gaz);
}

}  // namespace alam::cli
