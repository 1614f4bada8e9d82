# The desktop-editors part of remise_ui: the Campaigns, Segments, Customers and Simulator
# pages and the draft / impact / publish dialogs.
target_sources(remise_ui PRIVATE
  pages/campaignsformat.h pages/campaignsformat.cpp
  pages/campaignswidgets.h pages/campaignswidgets.cpp
  pages/campaignseditor.h pages/campaignseditor.cpp
  pages/campaignsmodel.h pages/campaignsmodel.cpp
  pages/campaignstimeline.h pages/campaignstimeline.cpp
  pages/draftitempage.h pages/draftitempage.cpp
  pages/campaignspage.h pages/campaignspage.cpp
  pages/segmentswidgets.h pages/segmentswidgets.cpp
  pages/segmentspage.h pages/segmentspage.cpp
  pages/customerspage.h pages/customerspage.cpp
  pages/simulatorpage.h pages/simulatorpage.cpp
  drafts/snapshotcommand.h
  drafts/impactrunner.h drafts/impactrunner.cpp
  drafts/publishdialog.h drafts/publishdialog.cpp
)
target_link_libraries(remise_ui PUBLIC remise_drafts)
