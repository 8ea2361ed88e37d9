print("AutobahnClient: not yet")
