-- The default criteria set for scoring meetings, after the central guidance
-- (Hướng dẫn 12-HD/BTCTW, 2018): a province issues its own set as data when it differs.
INSERT INTO "CriteriaSet" ("code", "name", "issuedByUnitId", "decisionNumber", "validFrom", "validTo")
VALUES ('TW-12-HD-2018', 'Tiêu chí đánh giá chất lượng sinh hoạt chi bộ (mặc định theo hướng dẫn Trung ương)',
        NULL, '12-HD/BTCTW', DATE '2018-01-01', NULL);

INSERT INTO "Criterion" ("criteriaSetId", "code", "name", "position", "maxPoints", "requiredForGood")
SELECT cs."id", c."code", c."name", c."position", c."maxPoints", c."requiredForGood"
  FROM "CriteriaSet" cs
 CROSS JOIN (VALUES
   ('ATTENDANCE', 'Đảng viên dự sinh hoạt trên 85%, không có đảng viên vắng mặt không lý do', 1, 20.00, TRUE),
   ('PREPARATION', 'Chi ủy chuẩn bị chu đáo nội dung, có dự thảo nghị quyết', 2, 20.00, TRUE),
   ('CONDUCT', 'Tổ chức sinh hoạt đúng giờ, đủ thời gian (90 phút), nhiều ý kiến phát biểu, ghi biên bản đầy đủ', 3, 30.00, FALSE),
   ('PRINCIPLES', 'Thực hiện đúng nguyên tắc tổ chức và sinh hoạt đảng', 4, 15.00, TRUE),
   ('FOLLOW_UP', 'Thực hiện nghị quyết kỳ trước có kết quả', 5, 15.00, FALSE)
 ) AS c("code", "name", "position", "maxPoints", "requiredForGood")
 WHERE cs."code" = 'TW-12-HD-2018';

INSERT INTO "LevelBand" ("criteriaSetId", "level", "minScore")
SELECT cs."id", b."level"::"MeetingLevel", b."minScore"
  FROM "CriteriaSet" cs
 CROSS JOIN (VALUES ('GOOD', 90.00), ('FAIR', 70.00), ('AVERAGE', 50.00), ('POOR', 0.00)) AS b("level", "minScore")
 WHERE cs."code" = 'TW-12-HD-2018';
