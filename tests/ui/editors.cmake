# desktop-editors' tests: the rules draft (no widgets), then the pages on the offscreen platform.
remise_add_test(tst_drafts SOURCES tst_drafts.cpp LIBS remise_drafts LABELS ui)
