// Installs alam into a temporary prefix and builds examples/ against it with find_package(alam).
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_support.hpp"

namespace alam {
namespace {

using testing::run;

TEST(Install, FindPackageConsumerBuildsAndRuns) {
  const auto root = testing::temp_dir() / "install";
  std::filesystem::remove_all(root);
  const std::string cmake = ALAM_CMAKE_COMMAND;
  const std::string prefix = (root / "prefix").string();
  const std::string build = (root / "example-build").string();

  auto install = run("'" + cmake + "' --install '" ALAM_BUILD_DIR "' --prefix '" + prefix + "'");
  ASSERT_EQ(install.status, 0) << install.out << install.err;
  EXPECT_TRUE(std::filesystem::exists(root / "prefix/include/alam/tagger.hpp"));
  EXPECT_TRUE(std::filesystem::exists(root / "prefix/share/alam/gazetteers/orgs.gaz"));

  auto version = run("'" + prefix + "/bin/alam' --version");
  EXPECT_EQ(version.status, 0) << version.err;

  auto configure = run("'" + cmake + "' -S '" ALAM_SOURCE_DIR "/examples' -B '" + build +
                       "' -DCMAKE_PREFIX_PATH='" + prefix + "' -DCMAKE_BUILD_TYPE=Release");
  ASSERT_EQ(configure.status, 0) << configure.out << configure.err;
  auto compile = run("'" + cmake + "' --build '" + build + "' -j 2");
  ASSERT_EQ(compile.status, 0) << compile.out << compile.err;

  auto example = run("'" + build + "/tag_example' < '" ALAM_SOURCE_DIR "/examples/sample.txt'");
  ASSERT_EQ(example.status, 0) << example.err;
  EXPECT_NE(example.out.find("ORG"), std::string::npos) << example.out;
  EXPECT_NE(example.out.find("SenseTime"), std::string::npos) << example.out;
  EXPECT_NE(example.out.find("CHIP"), std::string::npos) << example.out;
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace alam
