# desktop-editors' tests: the rules draft (no widgets), then the pages on the offscreen platform.
remise_add_test(tst_drafts SOURCES tst_drafts.cpp LIBS remise_drafts LABELS ui)
remise_add_test(tst_campaignspage SOURCES tst_campaignspage.cpp LIBS remise_ui
                DEPENDS remise-server LABELS ui)
if(TARGET remise_e2e_support)
  remise_add_test(tst_publishimpact SOURCES tst_publishimpact.cpp
                  LIBS remise_ui remise_e2e_support DEPENDS remise-sandbox LABELS "ui;e2e")
endif()
remise_add_test(tst_segmentspage SOURCES tst_segmentspage.cpp LIBS remise_ui LABELS ui)
remise_add_test(tst_simulatorpage SOURCES tst_simulatorpage.cpp LIBS remise_ui LABELS ui)
remise_add_test(tst_customerspage SOURCES tst_customerspage.cpp LIBS remise_ui
                DEPENDS remise-server LABELS ui)
remise_add_test(tst_frenchlayout SOURCES tst_frenchlayout.cpp LIBS remise_ui LABELS ui)
