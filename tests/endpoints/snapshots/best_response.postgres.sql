SELECT
  "t36"."patient_id",
  CASE
    WHEN "t36"."best_rank" = 0
    THEN 'cr'
    WHEN "t36"."best_rank" = 1
    THEN 'crh'
    WHEN "t36"."best_rank" = 2
    THEN 'cri'
    WHEN "t36"."best_rank" = 3
    THEN 'mlfs'
    WHEN "t36"."best_rank" = 4
    THEN 'pr'
    WHEN "t36"."best_rank" = 5
    THEN 'sd'
    WHEN "t36"."best_rank" = 6
    THEN 'nr'
    ELSE 'not_assessed'
  END AS "best_response"
FROM (
  SELECT
    "t35"."patient_id",
    MIN(
      CASE
        WHEN "t35"."status" = 'cr'
        THEN 0
        WHEN "t35"."status" = 'crh'
        THEN 1
        WHEN "t35"."status" = 'cri'
        THEN 2
        WHEN "t35"."status" = 'mlfs'
        THEN 3
        WHEN "t35"."status" = 'pr'
        THEN 4
        WHEN "t35"."status" = 'sd'
        THEN 5
        WHEN "t35"."status" = 'nr'
        THEN 6
        ELSE 7
      END
    ) AS "best_rank"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t33"."patient_id",
        "t33"."day",
        "t33"."date",
        "t33"."status",
        "t33"."method",
        "t33"."relapse_day",
        "t33"."origin_day"
      FROM (
        SELECT
          "t10"."patient_id",
          "t10"."day",
          "t10"."date",
          "t10"."status",
          "t10"."method",
          "t32"."patient_id" AS "patient_id_right",
          "t32"."relapse_day",
          "t32"."origin_day"
        FROM (
          SELECT
            *
          FROM "disease_assessments" AS "t0"
          WHERE
            "t0"."status" IN ('cr', 'crh', 'cri', 'mlfs', 'pr', 'sd', 'nr')
        ) AS "t10"
        LEFT OUTER JOIN (
          SELECT
            "t30"."patient_id",
            "t30"."relapse_day",
            "t30"."origin_day"
          FROM (
            SELECT
              "t29"."patient_id",
              "t29"."arm",
              "t29"."modality",
              "t29"."graft_source",
              "t29"."second_infusion_day",
              "t29"."weight_kg",
              "t29"."death_day",
              "t29"."death_cause",
              "t29"."censor_day",
              "t29"."relapse_recorded_day",
              "t29"."relapse_day",
              "t29"."relapse_at_death",
              "t29"."origin_day"
            FROM (
              SELECT
                "t28"."patient_id",
                "t28"."arm",
                "t28"."modality",
                "t28"."graft_source",
                "t28"."second_infusion_day",
                "t28"."treatment_start_day",
                "t28"."weight_kg",
                "t28"."randomisation_day",
                "t28"."death_day",
                "t28"."death_cause",
                COALESCE("t28"."censor_day", CAST("t28"."last_lab_day" AS BIGINT), 0) AS "censor_day",
                "t28"."relapse_recorded_day",
                "t28"."last_lab_day",
                CASE
                  WHEN (
                    "t28"."death_day" IS NOT NULL
                  )
                  AND "t28"."death_cause" IN ('relapse', 'progression')
                  AND (
                    (
                      "t28"."relapse_recorded_day" IS NULL
                    )
                    OR (
                      "t28"."relapse_recorded_day" > "t28"."death_day"
                    )
                  )
                  THEN "t28"."death_day"
                  ELSE "t28"."relapse_recorded_day"
                END AS "relapse_day",
                COALESCE(
                  (
                    "t28"."death_day" IS NOT NULL
                  )
                  AND "t28"."death_cause" IN ('relapse', 'progression')
                  AND (
                    (
                      "t28"."relapse_recorded_day" IS NULL
                    )
                    OR (
                      "t28"."relapse_recorded_day" > "t28"."death_day"
                    )
                  ),
                  FALSE
                ) AS "relapse_at_death",
                0 AS "origin_day"
              FROM (
                SELECT
                  "t27"."patient_id",
                  "t27"."arm",
                  "t27"."modality",
                  "t27"."graft_source",
                  "t27"."second_infusion_day",
                  "t27"."treatment_start_day",
                  "t27"."weight_kg",
                  "t27"."randomisation_day",
                  "t27"."death_day",
                  "t27"."death_cause",
                  "t27"."censor_day",
                  "t27"."relapse_recorded_day",
                  "t27"."last_lab_day"
                FROM (
                  SELECT
                    "t26"."patient_id",
                    "t26"."arm",
                    "t26"."modality",
                    "t26"."graft_source",
                    "t26"."second_infusion_day",
                    "t26"."treatment_start_day",
                    "t26"."weight_kg",
                    "t26"."randomisation_day",
                    "t26"."death_day",
                    "t26"."death_cause",
                    "t26"."censor_day",
                    "t26"."relapse_recorded_day",
                    "t11"."patient_id" AS "patient_id_right",
                    "t11"."last_lab_day"
                  FROM (
                    SELECT
                      "t24"."patient_id",
                      "t24"."arm",
                      "t24"."modality",
                      "t24"."graft_source",
                      "t24"."second_infusion_day",
                      "t24"."treatment_start_day",
                      "t24"."weight_kg",
                      "t24"."randomisation_day",
                      "t24"."death_day",
                      "t24"."death_cause",
                      "t24"."censor_day",
                      "t24"."relapse_recorded_day"
                    FROM (
                      SELECT
                        "t23"."patient_id",
                        "t23"."arm",
                        "t23"."modality",
                        "t23"."graft_source",
                        "t23"."second_infusion_day",
                        "t23"."treatment_start_day",
                        "t23"."weight_kg",
                        "t23"."randomisation_day",
                        "t23"."death_day",
                        "t23"."death_cause",
                        "t23"."censor_day",
                        "t17"."patient_id" AS "patient_id_right",
                        "t17"."relapse_recorded_day"
                      FROM (
                        SELECT
                          "t21"."patient_id",
                          "t21"."arm",
                          "t21"."modality",
                          "t21"."graft_source",
                          "t21"."second_infusion_day",
                          "t21"."treatment_start_day",
                          "t21"."weight_kg",
                          "t21"."randomisation_day",
                          "t21"."death_day",
                          "t21"."death_cause",
                          "t21"."censor_day"
                        FROM (
                          SELECT
                            "t20"."patient_id",
                            "t20"."arm",
                            "t20"."modality",
                            "t20"."graft_source",
                            "t20"."second_infusion_day",
                            "t20"."treatment_start_day",
                            "t20"."weight_kg",
                            "t20"."randomisation_day",
                            "t16"."patient_id" AS "patient_id_right",
                            "t16"."death_day",
                            "t16"."death_cause",
                            "t16"."censor_day"
                          FROM (
                            SELECT
                              "t18"."patient_id",
                              "t18"."arm",
                              "t18"."modality",
                              "t18"."graft_source",
                              "t18"."second_infusion_day",
                              "t18"."treatment_start_day",
                              "t18"."weight_kg",
                              "t18"."randomisation_day"
                            FROM (
                              SELECT
                                "t12"."patient_id",
                                "t12"."arm",
                                "t12"."modality",
                                "t12"."graft_source",
                                "t12"."second_infusion_day",
                                "t12"."treatment_start_day",
                                "t13"."patient_id" AS "patient_id_right",
                                "t13"."weight_kg",
                                "t13"."randomisation_day"
                              FROM (
                                SELECT
                                  "t3"."patient_id",
                                  COALESCE("t3"."arm", "t3"."modality") AS "arm",
                                  "t3"."modality",
                                  "t3"."graft_source",
                                  CAST("t3"."second_infusion_day" AS BIGINT) AS "second_infusion_day",
                                  CAST("t3"."treatment_start_day" AS BIGINT) AS "treatment_start_day"
                                FROM "treatments" AS "t3"
                              ) AS "t12"
                              LEFT OUTER JOIN (
                                SELECT
                                  "t4"."patient_id",
                                  "t4"."weight_kg",
                                  CAST("t4"."randomisation_day" AS BIGINT) AS "randomisation_day"
                                FROM "patients" AS "t4"
                              ) AS "t13"
                                ON "t12"."patient_id" = "t13"."patient_id"
                            ) AS "t18"
                          ) AS "t20"
                          LEFT OUTER JOIN (
                            SELECT
                              "t2"."patient_id",
                              CASE
                                WHEN "t2"."vital_status" = 'dead'
                                THEN COALESCE("t2"."death_day", "t2"."last_contact_day")
                                ELSE CAST(NULL AS BIGINT)
                              END AS "death_day",
                              CASE
                                WHEN "t2"."vital_status" = 'dead'
                                THEN "t2"."cause"
                                ELSE CAST(NULL AS VARCHAR)
                              END AS "death_cause",
                              GREATEST(
                                "t2"."last_contact_day",
                                COALESCE(
                                  CASE
                                    WHEN "t2"."vital_status" = 'dead'
                                    THEN COALESCE("t2"."death_day", "t2"."last_contact_day")
                                    ELSE CAST(NULL AS BIGINT)
                                  END,
                                  "t2"."last_contact_day"
                                )
                              ) AS "censor_day"
                            FROM "followup" AS "t2"
                          ) AS "t16"
                            ON "t20"."patient_id" = "t16"."patient_id"
                        ) AS "t21"
                      ) AS "t23"
                      LEFT OUTER JOIN (
                        SELECT
                          "t6"."patient_id",
                          CAST(MIN("t6"."day") AS BIGINT) AS "relapse_recorded_day"
                        FROM (
                          SELECT
                            *
                          FROM "disease_assessments" AS "t0"
                          WHERE
                            "t0"."status" IN ('relapse', 'progression') AND "t0"."day" > 0
                        ) AS "t6"
                        GROUP BY
                          1
                      ) AS "t17"
                        ON "t23"."patient_id" = "t17"."patient_id"
                    ) AS "t24"
                  ) AS "t26"
                  LEFT OUTER JOIN (
                    SELECT
                      "t1"."patient_id",
                      MAX("t1"."day") AS "last_lab_day"
                    FROM "labs" AS "t1"
                    GROUP BY
                      1
                  ) AS "t11"
                    ON "t26"."patient_id" = "t11"."patient_id"
                ) AS "t27"
              ) AS "t28"
            ) AS "t29"
          ) AS "t30"
        ) AS "t32"
          ON "t10"."patient_id" = "t32"."patient_id"
      ) AS "t33"
    ) AS "t34"
    WHERE
      "t34"."day" >= 0
      AND (
        (
          "t34"."relapse_day" IS NULL
        ) OR (
          "t34"."day" < "t34"."relapse_day"
        )
      )
  ) AS "t35"
  GROUP BY
    1
) AS "t36"
