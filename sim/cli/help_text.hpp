// DOC: the long texts of the commands' help pages (each shown after the command's options).
#pragma once

namespace vpnsim::cli {

extern const char* const kRunDescription;
extern const char* const kBenchDescription;
extern const char* const kReportDescription;
extern const char* const kWhatIfDescription;
extern const char* const kExploreDescription;
extern const char* const kExploreExit;
extern const char* const kDiagnoseDescription;
extern const char* const kDiagnoseExit;
extern const char* const kFixDescription;
extern const char* const kFixExit;
extern const char* const kImportDescription;
extern const char* const kImportExit;
extern const char* const kMatrixDescription;
extern const char* const kFleetDescription;
extern const char* const kQuizDescription;
extern const char* const kQuizExit;

}  // namespace vpnsim::cli
