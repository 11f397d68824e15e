-- CreateIndex
CREATE INDEX "MeetingAssessment_workingGroupId_idx" ON "MeetingAssessment"("workingGroupId");

